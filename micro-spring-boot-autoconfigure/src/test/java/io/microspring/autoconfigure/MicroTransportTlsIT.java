package io.microspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;
import io.microspring.server.Server;
import io.microspring.testing.TestCertificates;
import io.microspring.transport.SendOptions;
import io.microspring.transport.TransportException;
import io.microspring.transport.TransportMessage;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;

/**
 * {@code micro.transport.tls.*} through the auto-configuration, with bundles of the test
 * certificates: a service served and called over TLS only, a node that only calls, and the
 * settings that cannot work, each failing startup naming the property.
 */
class MicroTransportTlsIT {

    static final TestCertificates CERTIFICATES = TestCertificates.shared();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MicroCodecAutoConfiguration.class,
                    MicroRegistryAutoConfiguration.class, MicroRegistryCacheAutoConfiguration.class,
                    MicroTransportAutoConfiguration.class, MicroSelectorAutoConfiguration.class,
                    MicroClientAutoConfiguration.class, MicroServerAutoConfiguration.class))
            .withPropertyValues("micro.registry=memory", "micro.server-address=127.0.0.1:0");

    @MicroService(name = "greeter")
    static class Say {
        @MicroHandler
        public String hello(String name) {
            return "Hello " + name;
        }
    }

    @Test
    void whenTlsIsEnabledWithAServerBundleThenTheServiceAnswersOverTlsAndNotInPlainText() {
        runner.withBean(Say.class)
                .withPropertyValues("micro.transport.tls.enabled=true", "micro.transport.tls.bundle=node")
                .withPropertyValues(bundle(true))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    MicroClient client = context.getBean(MicroClient.class);
                    assertThat(client.callBlocking("greeter", "Say.Hello", "John", String.class))
                            .isEqualTo("Hello John");

                    String address = context.getBean(Server.class).service().nodes().get(0).address();
                    TransportMessage hello = new TransportMessage(Metadata.of("Micro-Service", "greeter",
                            "Micro-Endpoint", "Say.Hello", "Content-Type", "application/json"),
                            "\"John\"".getBytes(StandardCharsets.UTF_8));
                    try (HttpTransport plain = new HttpTransport(HttpTransportSettings.defaults())) {
                        assertThatThrownBy(() -> plain.send(address, hello, new SendOptions(Duration.ofSeconds(10),
                                Duration.ofSeconds(10))).block(Duration.ofSeconds(30)))
                                .as("a plain-text call to the TLS server").isInstanceOf(TransportException.class);
                    }
                });
    }

    @Test
    void whenTheClientAuthIsNeedThenACallerWithoutACertificateIsRefused() {
        runner.withBean(Say.class)
                .withPropertyValues("micro.transport.tls.enabled=true", "micro.transport.tls.bundle=node",
                        "micro.transport.tls.client-auth=need")
                .withPropertyValues(bundle(true))
                .run(server -> {
                    assertThat(server).hasNotFailed();
                    String address = server.getBean(Server.class).service().nodes().get(0).address();
                    runner.withPropertyValues("micro.transport.tls.enabled=true",
                                    "micro.transport.tls.bundle=node")
                            .withPropertyValues(bundle(false))
                            .run(caller -> assertThatThrownBy(() -> caller.getBean(MicroClient.class).callBlocking(
                                    "greeter", "Say.Hello", "John", String.class,
                                    CallOptions.builder().address(address).build()))
                                    .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.detail())
                                            .contains("the TLS handshake with its node failed")));
                });
    }

    @Test
    void whenAnApplicationThatServesHasABundleWithoutAKeyThenStartupFailsNamingTheBundleProperty() {
        runner.withBean(Say.class)
                .withPropertyValues("micro.transport.tls.enabled=true", "micro.transport.tls.bundle=node")
                .withPropertyValues(bundle(false))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("micro.transport.tls.bundle")
                        .hasMessageContaining("needs an SSL bundle whose key store holds the server's certificate"));
    }

    @Test
    void whenAnApplicationThatOnlyCallsHasABundleWithoutAKeyThenItStarts() {
        runner.withPropertyValues("micro.transport.tls.enabled=true", "micro.transport.tls.bundle=node")
                .withPropertyValues(bundle(false))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(HttpTransport.class));
    }

    @Test
    void whenTheBundleIsNotDefinedThenStartupFailsNamingTheProperty() {
        runner.withPropertyValues("micro.transport.tls.enabled=true", "micro.transport.tls.bundle=missing")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("micro.transport.tls.bundle")
                        .hasMessageContaining("spring.ssl.bundle.pem.missing"));
    }

    /** Bundle {@code node} trusting the test CA, with the server certificate and key when {@code withKey}. */
    private static String[] bundle(boolean withKey) {
        return TestCertificates.bundle("node", CERTIFICATES.ca(), withKey ? CERTIFICATES.server() : null)
                .toArray(String[]::new);
    }
}
