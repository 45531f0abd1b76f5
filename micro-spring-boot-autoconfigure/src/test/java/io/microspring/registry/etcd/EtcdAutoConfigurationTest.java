package io.microspring.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.microspring.autoconfigure.MicroClientAutoConfiguration;
import io.microspring.autoconfigure.MicroCodecAutoConfiguration;
import io.microspring.autoconfigure.MicroRegistryAutoConfiguration;
import io.microspring.autoconfigure.MicroRegistryCacheAutoConfiguration;
import io.microspring.autoconfigure.MicroRegistryProperties;
import io.microspring.autoconfigure.MicroSelectorAutoConfiguration;
import io.microspring.autoconfigure.MicroServerAutoConfiguration;
import io.microspring.autoconfigure.MicroTransportAutoConfiguration;
import io.microspring.registry.Registry;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.consul.ConsulRegistry;
import io.microspring.registry.scenarios.GreeterNodeApplication;
import io.microspring.testing.FreePorts;

/** Choosing etcd by configuration; nothing here needs a running etcd. */
@ExtendWith(OutputCaptureExtension.class)
class EtcdAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroCodecAutoConfiguration.class,
                    MicroRegistryAutoConfiguration.class, MicroRegistryCacheAutoConfiguration.class,
                    MicroTransportAutoConfiguration.class, MicroSelectorAutoConfiguration.class,
                    MicroClientAutoConfiguration.class, MicroServerAutoConfiguration.class))
            .withPropertyValues("micro.registry=etcd", "micro.server-address=127.0.0.1:0",
                    "micro.etcd.dial-timeout=1s");

    @Test
    void whenRegistryIsEtcdThenTheEtcdRegistryIsWrappedInTheCache() {
        runner.withPropertyValues("micro.registry-address=127.0.0.1:2379").run(context -> {
            assertThat(context).hasSingleBean(EtcdRegistry.class).doesNotHaveBean(ConsulRegistry.class);
            assertThat(((CachingRegistry) context.getBean(Registry.class)).delegate())
                    .isSameAs(context.getBean(EtcdRegistry.class));
        });
    }

    @Test
    void whenGoMicroEnvironmentVariablesChooseEtcdThenTheyAreUsed() {
        Map<String, Object> environment = Map.of("MICRO_REGISTRY", "etcd", "MICRO_REGISTRY_ADDRESS",
                "10.0.0.1:2379,10.0.0.2:2379");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MicroRegistryAutoConfiguration.class))
                .withInitializer(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource("env", environment)))
                .run(context -> {
                    assertThat(context).hasSingleBean(EtcdRegistry.class);
                    assertThat(context.getBean(MicroRegistryProperties.class).getRegistryAddress())
                            .containsExactly("10.0.0.1:2379", "10.0.0.2:2379");
                });
    }

    @Test
    void whenJetcdIsMissingThenStartupNamesTheDependencyToAdd() {
        runner.withClassLoader(new FilteredClassLoader("io.etcd.jetcd")).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("io.etcd:jetcd-core");
        });
    }

    @Test
    void whenTheAddressIsNotHostPortThenStartupNamesTheProperty() {
        runner.withPropertyValues("micro.registry-address=http://etcd:2379/x").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("micro.registry-address")
                    .hasMessageContaining("http://etcd:2379/x");
        });
    }

    @Test
    void whenEtcdIsUnreachableAtStartupThenTheErrorNamesTheAddressAndTheSwitch() {
        String nowhere = "127.0.0.1:" + FreePorts.find();
        runner.withUserConfiguration(GreeterNodeApplication.Greeter.class)
                .withPropertyValues("micro.registry-address=" + nowhere, "micro.server-name=greeter", "node.name=x")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("etcd at " + nowhere)
                            .hasStackTraceContaining("micro.register-fail-fast=false");
                });
    }

    @Test
    void whenFailFastIsOffThenAnUnreachableEtcdGivesAWarningAndRetries(CapturedOutput output) {
        String nowhere = "127.0.0.1:" + FreePorts.find();
        runner.withUserConfiguration(GreeterNodeApplication.Greeter.class)
                .withPropertyValues("micro.registry-address=" + nowhere, "micro.server-name=greeter", "node.name=x",
                        "micro.register-fail-fast=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).contains("could not register").contains("etcd at " + nowhere)
                            .contains("retrying every");
                });
    }

    @Test
    void whenUsernameComesWithoutPasswordThenStartupSaysBothAreNeeded() {
        runner.withPropertyValues("micro.etcd.username=root").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("micro.etcd.username and micro.etcd.password must be set together");
        });
    }

    @Test
    void whenTlsNamesAnUnknownBundleThenStartupSaysHowToDefineIt() {
        runner.withPropertyValues("micro.etcd.tls.enabled=true", "micro.etcd.tls.bundle=etcd").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("micro.etcd.tls.bundle")
                    .hasMessageContaining("spring.ssl.bundle.pem.etcd");
        });
    }

    @Test
    void settingsDefaultToGoMicrosAddressAndPort() {
        assertThat(EtcdSettings.of(List.of()).addresses()).containsExactly("127.0.0.1:2379");
        assertThat(EtcdSettings.of(List.of("etcd-1", "[::1]:2381")).endpoints())
                .containsExactly("http://etcd-1:2379", "http://[::1]:2381");
    }
}
