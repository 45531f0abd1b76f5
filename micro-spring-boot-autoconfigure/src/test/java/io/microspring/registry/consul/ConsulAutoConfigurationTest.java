package io.microspring.registry.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.microspring.autoconfigure.MicroClientAutoConfiguration;
import io.microspring.autoconfigure.MicroCodecAutoConfiguration;
import io.microspring.autoconfigure.MicroRegistryAutoConfiguration;
import io.microspring.autoconfigure.MicroRegistryCacheAutoConfiguration;
import io.microspring.autoconfigure.MicroSelectorAutoConfiguration;
import io.microspring.autoconfigure.MicroServerAutoConfiguration;
import io.microspring.autoconfigure.MicroTransportAutoConfiguration;
import io.microspring.registry.Registry;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.etcd.EtcdRegistry;
import io.microspring.registry.scenarios.GreeterNodeApplication;
import io.microspring.testing.FreePorts;

/** Choosing Consul by configuration; nothing here needs a running agent. */
class ConsulAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroCodecAutoConfiguration.class,
                    MicroRegistryAutoConfiguration.class, MicroRegistryCacheAutoConfiguration.class,
                    MicroTransportAutoConfiguration.class, MicroSelectorAutoConfiguration.class,
                    MicroClientAutoConfiguration.class, MicroServerAutoConfiguration.class))
            .withPropertyValues("micro.registry=consul", "micro.server-address=127.0.0.1:0",
                    "micro.consul.timeout=1s");

    @Test
    void whenRegistryIsConsulThenTheConsulRegistryIsWrappedInTheCache() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ConsulRegistry.class).doesNotHaveBean(EtcdRegistry.class);
            assertThat(((CachingRegistry) context.getBean(Registry.class)).delegate())
                    .isSameAs(context.getBean(ConsulRegistry.class));
        });
    }

    @Test
    void whenConsulApiIsMissingThenStartupNamesTheDependencyToAdd() {
        runner.withClassLoader(new FilteredClassLoader("com.ecwid.consul")).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("com.ecwid.consul:consul-api");
        });
    }

    @Test
    void whenSeveralAddressesAreGivenThenStartupSaysConsulTalksToOneAgent() {
        runner.withPropertyValues("micro.registry-address=10.0.0.1:8500,10.0.0.2:8500").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("micro.registry-address")
                    .hasMessageContaining("one agent");
        });
    }

    @Test
    void whenTheAgentIsUnreachableAtStartupThenTheErrorNamesTheAddressAndTheSwitch() {
        String nowhere = "127.0.0.1:" + FreePorts.find();
        runner.withUserConfiguration(GreeterNodeApplication.Greeter.class)
                .withPropertyValues("micro.registry-address=" + nowhere, "micro.server-name=greeter", "node.name=x")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("Consul agent at http://" + nowhere)
                            .hasStackTraceContaining("micro.register-fail-fast=false");
                });
    }

    @Test
    void settingsValidateWhatConsulAccepts() {
        assertThat(ConsulSettings.of(null).address()).isEqualTo("127.0.0.1:8500");
        assertThat(ConsulSettings.of("consul").address()).isEqualTo("consul:8500");
        assertThatThrownBy(() -> ConsulSettings.of("consul:http")).hasMessageContaining("micro.registry-address");
        assertThatThrownBy(() -> new ConsulSettings("consul", "", "", ConsulSettings.DEFAULT_TIMEOUT,
                java.time.Duration.ofMinutes(11), ConsulSettings.DEFAULT_RESTART_GRACE, null))
                .hasMessageContaining("micro.consul.watch-wait");
    }
}
