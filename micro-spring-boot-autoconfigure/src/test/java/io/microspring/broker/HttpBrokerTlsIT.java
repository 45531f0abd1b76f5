package io.microspring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.autoconfigure.MicroBrokerAutoConfiguration;
import io.microspring.autoconfigure.MicroRegistryAutoConfiguration;
import io.microspring.autoconfigure.MicroRegistryCacheAutoConfiguration;
import io.microspring.broker.http.HttpBroker;
import io.microspring.metadata.Metadata;
import io.microspring.registry.Registry;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.testing.TestCertificates;
import reactor.core.publisher.Mono;

/**
 * The HTTP broker with {@code micro.broker.tls.*}: a subscriber's node is registered
 * {@code secure=true} and served over TLS only; a publisher that trusts the subscriber's CA delivers
 * to it, one trusting another CA, or the JVM's trust store, cannot.
 */
class HttpBrokerTlsIT {

    static final TestCertificates CERTIFICATES = TestCertificates.shared();
    static final String TOPIC = "tls.events";

    /** One registry for every broker of a test, as a shared registry server would be. */
    final MemoryRegistry registry = new MemoryRegistry();

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MicroRegistryAutoConfiguration.class,
                    MicroRegistryCacheAutoConfiguration.class, MicroBrokerAutoConfiguration.class))
            .withBean(Registry.class, () -> registry);

    @Test
    void aPublisherTrustingTheSubscribersCaDeliversOverTlsAndOthersCannot() {
        runner.withPropertyValues(tls(true, CERTIFICATES.ca())).run(subscriberContext -> {
            assertThat(subscriberContext).hasNotFailed();
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            Broker subscriber = subscriberContext.getBean(Broker.class);
            subscriber.subscribe(TOPIC, event -> {
                received.add(new String(event.message().body(), StandardCharsets.UTF_8));
                return Mono.empty();
            }, SubscribeOptions.broadcast());
            assertThat(registry.getService(HttpBroker.SERVICE_NAME).get(0).nodes().get(0).metadata())
                    .containsEntry("secure", "true");

            runner.withPropertyValues(tls(false, CERTIFICATES.ca())).run(publisher -> {
                publish(publisher, "trusted");
                assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("trusted");
            });
            runner.withPropertyValues(tls(false, CERTIFICATES.wrongCa())).run(publisher ->
                    assertThatThrownBy(() -> publish(publisher, "another CA")).isInstanceOf(BrokerException.class)
                            .hasMessageContaining("unreachable"));
            runner.run(publisher ->
                    assertThatThrownBy(() -> publish(publisher, "JVM trust store")).isInstanceOf(BrokerException.class)
                            .hasMessageContaining("unreachable"));
            assertThat(received).isEmpty();
        });
    }

    private static void publish(ConfigurableApplicationContext context, String text) {
        context.getBean(Broker.class).publish(TOPIC, new BrokerMessage(Metadata.empty(),
                text.getBytes(StandardCharsets.UTF_8))).block(Duration.ofSeconds(30));
    }

    /** micro.broker.tls with a bundle trusting {@code trusted}, holding the server certificate when {@code serves}. */
    private static String[] tls(boolean serves, Path trusted) {
        return Stream.concat(Stream.of("micro.broker.tls.enabled=true", "micro.broker.tls.bundle=broker"),
                TestCertificates.bundle("broker", trusted, serves ? CERTIFICATES.server() : null).stream())
                .toArray(String[]::new);
    }
}
