package io.microspring.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class MdnsSettingsTest {

    @Test
    void defaultsToLoopbackAndGoMicrosDomain() {
        MdnsSettings settings = MdnsSettings.defaults();

        assertThat(settings.interfaces()).containsExactly("lo");
        assertThat(settings.domain()).isEqualTo("micro");
        assertThat(settings.queryTimeout()).isEqualTo(MdnsSettings.DEFAULT_QUERY_TIMEOUT);
    }

    @Test
    void acceptsADomainWithTrailingDotAndTrimsNames() {
        MdnsSettings settings = new MdnsSettings(List.of(" lo ", "eth0"), "micro.example.", Duration.ofSeconds(1));

        assertThat(settings.interfaces()).containsExactly("lo", "eth0");
        assertThat(settings.domain()).isEqualTo("micro.example");
    }

    @Test
    void namesTheSpringPropertyOfAWrongSetting() {
        Duration timeout = Duration.ofMillis(100);
        assertThatThrownBy(() -> new MdnsSettings(List.of(), "micro", timeout))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("micro.mdns.interfaces");
        assertThatThrownBy(() -> new MdnsSettings(List.of(" "), "micro", timeout))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("micro.mdns.interfaces");
        assertThatThrownBy(() -> new MdnsSettings(List.of("lo"), "", timeout))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("micro.mdns.domain");
        assertThatThrownBy(() -> new MdnsSettings(List.of("lo"), "a..b", timeout))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("micro.mdns.domain");
        assertThatThrownBy(() -> new MdnsSettings(List.of("lo"), "micro", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("micro.mdns.query-timeout");
        assertThatThrownBy(() -> new MdnsSettings(List.of("lo"), "micro", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("micro.mdns.query-timeout");
        assertThatThrownBy(() -> new MdnsSettings(List.of("lo"), "micro", timeout, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settle time");
    }
}
