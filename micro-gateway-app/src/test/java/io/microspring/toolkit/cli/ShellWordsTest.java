package io.microspring.toolkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void whenAWordIsJsonThenItIsKeptAsTypedSpacesAndQuotesIncluded() {
        assertThat(ShellWords.split("call greeter Say.Hello {\"name\": \"John Smith\", \"tags\": [\"a\", \"}\"]}"))
                .containsExactly("call", "greeter", "Say.Hello",
                        "{\"name\": \"John Smith\", \"tags\": [\"a\", \"}\"]}");
    }

    @Test
    void whenWordsAreQuotedThenTheQuotesGroupThemAndGo() {
        assertThat(ShellWords.split("publish  topic '{\"a\": 1}' --metadata \"k=v w\""))
                .containsExactly("publish", "topic", "{\"a\": 1}", "--metadata", "k=v w");
    }

    @Test
    void whenTheLineIsBlankThenThereAreNoWords() {
        assertThat(ShellWords.split("   ")).isEmpty();
    }
}
