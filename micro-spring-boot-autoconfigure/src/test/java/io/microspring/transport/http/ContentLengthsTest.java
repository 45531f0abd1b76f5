package io.microspring.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code Content-Length} values of requests and answers: decimal, and the common ones made once. */
class ContentLengthsTest {

    @Test
    void whenALengthIsWrittenThenItIsItsDecimalForm() {
        for (int length : new int[] {0, 9, 10, 289, 4095, 4096, 1_048_576, Integer.MAX_VALUE}) {
            assertThat(ContentLengths.of(length).toString()).isEqualTo(Integer.toString(length));
        }
    }

    @Test
    void whenASmallLengthRecursThenTheSameValueIsGiven() {
        assertThat(ContentLengths.of(289)).isSameAs(ContentLengths.of(289));
        assertThat(ContentLengths.of(0)).isSameAs(ContentLengths.of(0));
    }
}
