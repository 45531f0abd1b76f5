package io.microspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** What a user sees when a {@code micro.*} value is wrong: the report Spring Boot prints on failed startup. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void whenRegistryIsUnknownThenTheReportNamesThePropertyAndTheAcceptedValues(CapturedOutput output) {
        assertThatThrownBy(() -> start("--micro.registry=zookeeper")).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START").contains("micro.registry").contains("zookeeper");
        assertThat(output).contains("MDNS").contains("MEMORY").contains("ETCD").contains("CONSUL");
    }

    @Test
    void whenSelectorIsUnknownThenTheReportNamesThePropertyAndTheAcceptedValues(CapturedOutput output) {
        assertThatThrownBy(() -> start("--micro.registry=memory", "--micro.selector=fastest")).isNotNull();
        assertThat(output).contains("micro.selector").contains("fastest").contains("RANDOM").contains("ROUNDROBIN");
    }

    @Test
    void whenPoolSizeIsZeroThenTheReportNamesTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--micro.registry=memory", "--micro.client-pool-size=0")).isNotNull();
        assertThat(output).contains("micro.client-pool-size").contains("it must be at least 1");
    }

    private static void start(String... args) {
        new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).run(args).close();
    }
}
