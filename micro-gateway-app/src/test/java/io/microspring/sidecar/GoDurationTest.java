package io.microspring.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Durations as Go's time.ParseDuration reads them, for /registry?ttl=. */
class GoDurationTest {

    @Test
    void readsGoDurations() {
        assertThat(GoDuration.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("2us")).isEqualTo(Duration.ofNanos(2000));
    }

    @Test
    void refusesWhatGoRefuses() {
        for (String text : new String[] {"", "10", "s", "10 s", "10sec", "-1s", "1m30"}) {
            assertThatThrownBy(() -> GoDuration.parse(text)).as(text)
                    .hasMessage("'" + text + "' is not a duration such as 10s, 1m30s or 500ms");
        }
    }
}
