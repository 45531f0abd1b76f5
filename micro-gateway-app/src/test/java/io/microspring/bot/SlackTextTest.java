package io.microspring.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackTextTest {

    @Test
    void whenTheBotIsMentionedThenTheCommandIsTheRestWithEntitiesAndQuotesMadePlain() {
        String typed = "<@UBOT> call svc Say.Hello {\u201cname\u201d: \u201cA&amp;B &lt;x&gt;\u201d}";
        assertThat(SlackText.command(typed, "UBOT"))
                .isEqualTo("call svc Say.Hello {\"name\": \"A&B <x>\"}");
        assertThat(SlackText.command("  ping ", "UBOT")).isEqualTo("ping");
    }

    @Test
    void whenTextIsPostedThenSlacksControlCharactersAreEscaped() {
        assertThat(SlackText.escape("a < b && c > d")).isEqualTo("a &lt; b &amp;&amp; c &gt; d");
    }
}
