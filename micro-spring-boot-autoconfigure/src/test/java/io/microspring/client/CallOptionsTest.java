package io.microspring.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.microspring.transport.MicroHeaders;

class CallOptionsTest {

    @Test
    void whenARequestTimeoutIsLongerThanTheTimeoutHeaderCarriesThenItIsRefusedNamingTheLimit() {
        assertThat(CallOptions.builder().requestTimeout(MicroHeaders.MAX_TIMEOUT).build().requestTimeout())
                .isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
        assertThatThrownBy(() -> CallOptions.builder().requestTimeout(Duration.ofSeconds(99_999_999_999L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requestTimeout must be at most PT2562047H47M16.854775807S");
    }
}
