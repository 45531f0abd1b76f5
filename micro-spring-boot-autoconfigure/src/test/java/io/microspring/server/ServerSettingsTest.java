package io.microspring.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void whenOnlyTheNameIsGivenThenEveryOtherValueIsTheDefault() {
        ServerSettings settings = ServerSettings.builder("go.micro.srv.greeter").build();
        assertThat(settings).isEqualTo(new ServerSettings("go.micro.srv.greeter", ServerSettings.DEFAULT_VERSION,
                ServerSettings.DEFAULT_ADDRESS, "", Map.of(), ServerSettings.DEFAULT_REGISTER_TTL,
                ServerSettings.DEFAULT_REGISTER_INTERVAL, ServerSettings.DEFAULT_DRAIN_TIMEOUT, true,
                ServerSettings.DEFAULT_HANDLER_THREADS));
    }

    @Test
    void whenValuesAreSetThenTheSettingsHoldThem() {
        ServerSettings settings = ServerSettings.builder("svc").version("1.2.0").address("127.0.0.1:9090")
                .advertise("10.0.0.1:9090").metadata(Map.of("zone", "a")).registerTtl(Duration.ofSeconds(5))
                .registerInterval(Duration.ofSeconds(2)).drainTimeout(Duration.ZERO).registerFailFast(false)
                .handlerThreads(3).build();
        assertThat(settings).isEqualTo(new ServerSettings("svc", "1.2.0", "127.0.0.1:9090", "10.0.0.1:9090",
                Map.of("zone", "a"), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ZERO, false, 3));
    }

    @Test
    void whenAnArgumentIsBadThenTheMessageNamesIt() {
        assertThatThrownBy(() -> ServerSettings.builder(" ")).hasMessage("name must not be empty");
        ServerSettings.Builder builder = ServerSettings.builder("svc");
        assertThatThrownBy(() -> builder.version("")).hasMessage("version must not be empty");
        assertThatThrownBy(() -> builder.address(null)).hasMessage("address must not be empty");
        assertThatThrownBy(() -> builder.advertise(null)).hasMessage("advertise");
        assertThatThrownBy(() -> builder.metadata(Map.of("", "x"))).hasMessage("metadata key must not be empty");
        assertThatThrownBy(() -> builder.registerTtl(Duration.ZERO))
                .hasMessage("registerTtl must be a positive duration, such as 5s, got PT0S");
        assertThatThrownBy(() -> builder.registerInterval(null))
                .hasMessage("registerInterval must be a positive duration, such as 5s, got null");
        assertThatThrownBy(() -> builder.drainTimeout(Duration.ofSeconds(-1)))
                .hasMessage("drainTimeout must be zero or positive, got PT-1S");
        assertThatThrownBy(() -> builder.handlerThreads(0)).hasMessage("handlerThreads must be at least 1, got 0");
    }

    @Test
    void whenTheIntervalIsNotShorterThanTheTtlThenBuildFailsNamingBoth() {
        ServerSettings.Builder builder = ServerSettings.builder("svc").registerTtl(Duration.ofSeconds(5))
                .registerInterval(Duration.ofSeconds(5));
        assertThatThrownBy(builder::build).hasMessageContaining("registerInterval (PT5S) must be shorter than "
                + "registerTtl (PT5S)");
    }
}
