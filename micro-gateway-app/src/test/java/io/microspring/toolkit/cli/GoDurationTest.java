package io.microspring.toolkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void whenWrittenAsGoWritesThemThenDurationsAreRead() {
        assertThat(GoDuration.parse("500ms", "timeout")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("1m30s", "timeout")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("1.5s", "timeout")).isEqualTo(Duration.ofMillis(1500));
        assertThat(GoDuration.parse("2h", "timeout")).isEqualTo(Duration.ofHours(2));
        assertThat(GoDuration.parse("7", "timeout")).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void whenNotADurationThenTheErrorNamesTheFlag() {
        assertThatThrownBy(() -> GoDuration.parse("5 s", "ttl")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--ttl takes a duration such as 500ms, 5s or 1m30s, not '5 s'");
    }
}
