package io.microspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.microspring.metadata.Metadata;

/** Reading go-micro's headers in either form, as an {@code Optional} and as a plain value. */
class MicroHeadersTest {

    @Test
    void whenThePlainFormIsSetThenItWinsOverTheXForm() {
        Metadata headers = Metadata.of("micro-endpoint", "Say.Hello", "X-Micro-Endpoint", "Say.Other");
        assertThat(MicroHeaders.valueOf(headers, MicroHeaders.ENDPOINT)).isEqualTo("Say.Hello");
        assertThat(MicroHeaders.get(headers, MicroHeaders.ENDPOINT)).contains("Say.Hello");
    }

    @Test
    void whenOnlyTheXFormIsSetOrThePlainIsEmptyThenTheXFormIsRead() {
        Metadata onlyX = Metadata.of("x-micro-id", "7");
        Metadata emptyPlain = Metadata.of(MicroHeaders.ID, "", "X-Micro-Id", "8");
        assertThat(MicroHeaders.valueOf(onlyX, MicroHeaders.ID)).isEqualTo("7");
        assertThat(MicroHeaders.valueOf(emptyPlain, MicroHeaders.ID)).isEqualTo("8");
        assertThat(MicroHeaders.get(emptyPlain, MicroHeaders.ID)).contains("8");
    }

    @Test
    void whenNeitherFormHasAValueThenThereIsNone() {
        Metadata empties = Metadata.of(MicroHeaders.ID, "", "X-Micro-Id", "");
        assertThat(MicroHeaders.valueOf(empties, MicroHeaders.ID)).isNull();
        assertThat(MicroHeaders.valueOf(Metadata.empty(), MicroHeaders.ID)).isNull();
        assertThat(MicroHeaders.get(empties, MicroHeaders.ID)).isEmpty();
    }
}
