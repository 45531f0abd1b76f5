package io.microspring.sidecar;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import reactor.netty.resources.LoopResources;

/** The app's health check URL, refused early when it cannot be checked. */
class AppHealthTest {

    @Test
    void aHealthCheckUrlMustBeHttp() {
        LoopResources loops = LoopResources.create("health-test");
        assertThatThrownBy(() -> new AppHealth("https://127.0.0.1:9000/health", loops))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("micro.sidecar.healthcheck-url");
        assertThatThrownBy(() -> new AppHealth("http://bad host/", loops))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("micro.sidecar.healthcheck-url");
        loops.dispose();
    }
}
