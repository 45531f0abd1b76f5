package io.microspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.broker.Broker;
import io.microspring.broker.BrokerMessage;
import io.microspring.broker.SubscribeOptions;
import io.microspring.broker.Subscription;
import io.microspring.client.MicroClient;
import io.microspring.metadata.Metadata;
import io.microspring.registry.scenarios.GreeterNodeApplication;
import io.microspring.testing.ConsulServer;
import io.microspring.testing.EtcdServer;
import io.microspring.testing.NatsServer;
import io.microspring.testing.RabbitMqServer;
import io.microspring.testing.TestCertificates;
import reactor.core.publisher.Mono;

/**
 * etcd (requiring client certificates), Consul, NATS and RabbitMQ started with TLS, with
 * certificates of the test CA, used by a service configured as a user would: {@code micro.*.tls.*}
 * or {@code micro.*.ssl-bundle} naming a {@code spring.ssl.bundle.pem.*} bundle. A bundle that
 * trusts another CA stops startup with a failure report naming the handshake and the bundle
 * property, and no stack trace.
 */
class TlsServersIT {

    static final TestCertificates CERTIFICATES = TestCertificates.shared();

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer().withTls(CERTIFICATES);
    @RegisterExtension
    static final ConsulServer consul = new ConsulServer().withTls(CERTIFICATES);
    @RegisterExtension
    static final NatsServer nats = new NatsServer().withTls(CERTIFICATES);
    @RegisterExtension
    static final RabbitMqServer rabbitmq = new RabbitMqServer().withTls(CERTIFICATES);

    @Test
    void aServiceRegistersWithEtcdOverMutualTlsAndIsCalledThroughIt() {
        assertRegistersAndAnswers("etcd", etcd.address(), "micro.etcd.tls");
    }

    @Test
    void aServiceRegistersWithConsulOverTlsAndIsCalledThroughIt() {
        assertRegistersAndAnswers("consul", consul.address(), "micro.consul.tls");
    }

    @Test
    void messagesTravelThroughNatsOverTls() throws InterruptedException {
        assertDelivers("nats", nats.url(), "micro.nats.ssl-bundle");
    }

    @Test
    void messagesTravelThroughRabbitMqOverTls() throws InterruptedException {
        assertDelivers("rabbitmq", rabbitmq.amqpUri(), "micro.rabbitmq.ssl-bundle");
    }

    @Test
    void aRegistryBundleTrustingAnotherCaStopsStartupWithAReportNamingTheBundle() {
        for (String registry : List.of("etcd", "consul")) {
            String address = registry.equals("etcd") ? etcd.address() : consul.address();
            String output = failedStart("--registry=" + registry, "--registry_address=" + address,
                    "--micro." + registry + ".tls.enabled=true", "--micro." + registry + ".tls.bundle=wrong",
                    "--micro.etcd.dial-timeout=5s", "--micro.consul.timeout=5s");
            assertWrongCaReport(output, "micro." + registry + ".tls.bundle");
        }
    }

    @Test
    void aBrokerBundleTrustingAnotherCaStopsStartupWithAReportNamingTheBundle() {
        for (String broker : List.of("nats", "rabbitmq")) {
            String address = broker.equals("nats") ? nats.url() : rabbitmq.amqpUri();
            String output = failedStart("--registry=memory", "--broker=" + broker, "--broker_address=" + address,
                    "--micro." + broker + ".ssl-bundle=wrong");
            assertWrongCaReport(output, "micro." + broker + ".ssl-bundle");
        }
    }

    private static void assertRegistersAndAnswers(String registry, String address, String tlsPrefix) {
        List<String> args = new ArrayList<>(List.of("--micro.registry=" + registry,
                "--micro.registry-address=" + address, "--micro.server-name=greeter", "--node.name=tls-node",
                "--micro.server-address=127.0.0.1:0", "--" + tlsPrefix + ".enabled=true",
                "--" + tlsPrefix + ".bundle=servers"));
        args.addAll(bundle("servers", CERTIFICATES.ca()));
        try (ConfigurableApplicationContext node = start(args)) {
            GreeterNodeApplication.WhoAmI answer = node.getBean(MicroClient.class).callBlocking("greeter",
                    "Greeter.WhoAmI", new GreeterNodeApplication.WhoAmI("?"), GreeterNodeApplication.WhoAmI.class);
            assertThat(answer.name()).isEqualTo("tls-node");
        }
    }

    private static void assertDelivers(String broker, String address, String bundleProperty)
            throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("--micro.registry=memory", "--micro.broker=" + broker,
                "--micro.broker-address=" + address, "--micro.server-name=greeter", "--node.name=tls-node",
                "--micro.server-address=127.0.0.1:0", "--" + bundleProperty + "=servers"));
        args.addAll(bundle("servers", CERTIFICATES.ca()));
        try (ConfigurableApplicationContext node = start(args)) {
            Broker client = node.getBean(Broker.class);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            Subscription subscription = client.subscribe("tls.events", event -> {
                received.add(new String(event.message().body(), StandardCharsets.UTF_8));
                return Mono.empty();
            }, SubscribeOptions.queue("tls-test"));
            try {
                client.publish("tls.events", new BrokerMessage(Metadata.empty(),
                        "over TLS".getBytes(StandardCharsets.UTF_8))).block(Duration.ofSeconds(30));
                assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("over TLS");
            } finally {
                subscription.unsubscribe();
            }
        }
    }

    /** The bundle trusting {@code trusted}, with the client certificate (which etcd requires), as arguments. */
    private static List<String> bundle(String name, Path trusted) {
        return TestCertificates.bundle(name, trusted, CERTIFICATES.client()).stream()
                .map(property -> "--" + property).toList();
    }

    private static ConfigurableApplicationContext start(List<String> args) {
        return new SpringApplicationBuilder(GreeterNodeApplication.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    private static String failedStart(String... args) {
        List<String> all = new ArrayList<>(List.of("--micro.server-address=127.0.0.1:0"));
        all.addAll(List.of(args));
        all.addAll(bundle("wrong", CERTIFICATES.wrongCa()));
        return StartupFailureReportIT.failedStart(System.getProperty("java.class.path"), all.toArray(String[]::new));
    }

    private static void assertWrongCaReport(String output, String bundleProperty) {
        StartupFailureReportIT.assertReport(output);
        assertThat(output).contains("the TLS handshake failed, the server's certificate is not trusted by SSL bundle"
                        + " 'wrong' (" + bundleProperty + ")")
                .contains("spring.ssl.bundle.pem.wrong.truststore.certificate")
                .doesNotContain("guest:guest");
    }
}
