package io.microspring.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ChatTextTest {

    private final ChatText chat = new ChatText(120);

    @Test
    void whenOutputHasSeveralLinesOrIsJsonThenItIsACodeBlock() {
        assertThat(chat.output("a\nb\n")).isEqualTo("```\na\nb\n```");
        assertThat(chat.output("{\"msg\":\"hi\"}\n")).isEqualTo("```\n{\"msg\":\"hi\"}\n```");
        assertThat(chat.output("published to events\n")).isEqualTo("published to events");
        assertThat(chat.output("  \n")).isEqualTo("(nothing)");
    }

    @Test
    void whenOutputIsTooLongThenItIsCutAtALineEndSayingHowMuchIsLeftOut() {
        String lines = "line of twenty chars\n".repeat(10);
        String reply = chat.output(lines);
        // 120 characters allowed: five lines of 21 (the newline counted) fit, 209 - 104 are left out
        assertThat(reply).isEqualTo("```\n" + "line of twenty chars\n".repeat(5) + "```\n"
                + "(truncated: 105 more characters not shown)");
    }

    @Test
    void whenPlainTextIsTooLongThenItEndsWithAnEllipsisAndTheNote() {
        String reply = chat.plain("x".repeat(200));
        assertThat(reply).isEqualTo("x".repeat(120) + " ...\n(truncated: 80 more characters not shown)");
    }

    @Test
    void whenTextNamesNodeAddressesThenTheyAreHidden() {
        assertThat(ChatText.hideAddresses("greeter-1   10.0.0.7:54321   broker=http"))
                .isEqualTo("greeter-1   [address hidden]   broker=http");
        assertThat(ChatText.hideAddresses("dial [::1]:8080 and node-3.internal:9090 failed"))
                .isEqualTo("dial [address hidden] and [address hidden] failed");
        assertThat(ChatText.hideAddresses("Server time is: Mon, 30 Nov 2026 08:30:13 GMT"))
                .isEqualTo("Server time is: Mon, 30 Nov 2026 08:30:13 GMT");
        assertThat(ChatText.hideAddresses("{\"port\":8080}")).isEqualTo("{\"port\":8080}");
    }

    @Test
    void whenTheLimitIsTinyThenItIsRefusedNamingTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ChatText(10))
                .withMessage("micro.bot.max-reply-length must be at least 100, got 10");
    }
}
