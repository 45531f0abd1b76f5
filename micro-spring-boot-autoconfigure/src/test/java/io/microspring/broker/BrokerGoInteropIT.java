package io.microspring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.annotation.MicroSubscriber;
import io.microspring.broker.http.HttpBroker;
import io.microspring.broker.http.HttpBrokerSettings;
import io.microspring.broker.nats.NatsBroker;
import io.microspring.broker.nats.NatsBrokerSettings;
import io.microspring.codec.Codecs;
import io.microspring.metadata.Metadata;
import io.microspring.net.TlsSettings;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.etcd.EtcdRegistry;
import io.microspring.registry.etcd.EtcdSettings;
import io.microspring.testing.EtcdServer;
import io.microspring.testing.GoPeers;
import io.microspring.testing.NatsServer;
import io.microspring.testing.TestCertificates;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our brokers and go-micro v5's exchange messages both ways: over NATS, and over the HTTP broker
 * (in plain text and with TLS) with both sides registering in etcd. The Go side is the interop {@code publisher} and
 * {@code subscriber} peers.
 */
class BrokerGoInteropIT {

    @RegisterExtension
    static NatsServer nats = new NatsServer();

    @RegisterExtension
    static EtcdServer etcd = new EtcdServer();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** greeter.Event of the interop protos, read from go-micro's protojson. */
    public record Event(String id, String message, long timestamp, int seq) {
    }

    /** A Java subscriber of the Go publisher's events. */
    public static final class Events {
        final List<String> received = new CopyOnWriteArrayList<>();

        @MicroSubscriber(topic = "go.micro.topic.interop")
        public void on(Event event, Metadata metadata) {
            received.add(event.message() + " seq=" + event.seq() + " trace=" + metadata.get("Trace-Id").orElse(""));
        }
    }

    @Test
    void natsMessagesGoBothWays() {
        NatsBroker broker = new NatsBroker(NatsBrokerSettings.defaults().withServers(List.of(nats.url())));
        broker.connect();
        try {
            Map<String, String> env = env("nats", nats.url());
            assertBothWays(broker, env);
        } finally {
            broker.close();
        }
    }

    @Test
    void httpBrokerMessagesGoBothWaysThroughEtcd() {
        try (EtcdRegistry registry = new EtcdRegistry(EtcdSettings.of(List.of(etcd.address())))) {
            HttpBroker broker = new HttpBroker(HttpBrokerSettings.defaults(), new CachingRegistry(registry,
                    Duration.ofMinutes(1)));
            try {
                Map<String, String> env = env("http", null);
                env.putAll(GoPeers.registryEnv("etcd", etcd.address()));
                assertBothWays(broker, env);
            } finally {
                broker.close();
            }
        }
    }

    /**
     * Both HTTP brokers with TLS (go-micro's {@code broker.Secure(true)} with a {@code TLSConfig}):
     * subscriber nodes are served over TLS only, so a message arrives only when the other side read
     * {@code secure=true} in the node's metadata and posted over TLS, trusting the test CA.
     */
    @Test
    void httpBrokerMessagesGoBothWaysOverTls() {
        TestCertificates certificates = TestCertificates.shared();
        TlsSettings tls = new TlsSettings(TestCertificates.keyManagers(certificates.server()),
                TestCertificates.trustManagers(certificates.ca()), TlsSettings.ClientAuth.NONE, List.of(), List.of());
        try (EtcdRegistry registry = new EtcdRegistry(EtcdSettings.of(List.of(etcd.address())))) {
            HttpBroker broker = new HttpBroker(HttpBrokerSettings.defaults().withTls(tls), new CachingRegistry(registry,
                    Duration.ofMinutes(1)));
            try {
                Map<String, String> env = env("http", null);
                env.putAll(GoPeers.registryEnv("etcd", etcd.address()));
                env.put("INTEROP_TLS_CA", certificates.ca().toString());
                env.put("INTEROP_TLS_CERT", certificates.server().certificate().toString());
                env.put("INTEROP_TLS_KEY", certificates.server().privateKey().toString());
                assertBothWays(broker, env);
            } finally {
                broker.close();
            }
        }
    }

    private static void assertBothWays(Broker broker, Map<String, String> env) {
        // Go publisher -> our typed subscriber
        Events events = new Events();
        Subscriber subscriber = Subscriber.of("Events", events, Events.class, Codecs.standard()).get(0);
        Subscription subscription = broker.subscribe(subscriber.topic(),
                event -> subscriber.handle(event, Schedulers.boundedElastic()), subscriber.options());
        try {
            GoPeers.Result published = GoPeers.runPublisher(env, "--topic", subscriber.topic(), "--count", "2",
                    "--message", "from go", "--metadata", "Trace-Id=go-trace");
            assertThat(published.exitCode()).as("publisher: %s %s", published.stdout(), published.stderr()).isZero();
            await().atMost(WAIT).until(() -> events.received.size() >= 2);
            assertThat(events.received).containsExactlyInAnyOrder("from go 1 seq=1 trace=go-trace",
                    "from go 2 seq=2 trace=go-trace");
        } finally {
            subscription.unsubscribe();
        }

        // our publisher -> go-micro's broker subscriber
        String topic = "go.micro.topic.to-go";
        try (GoPeers.Peer goSubscriber = GoPeers.startSubscriber(env, "--topic", topic, "--queue", "go-workers")) {
            Metadata headers = Metadata.of(BrokerMessage.CONTENT_TYPE_HEADER, "application/json",
                    BrokerMessage.TOPIC_HEADER, topic, BrokerMessage.ID_HEADER, "java-1", "Trace-Id", "java-trace");
            byte[] body = "{\"id\":\"java-1\",\"message\":\"from java\",\"seq\":7}".getBytes();
            await().atMost(WAIT).untilAsserted(() -> {
                broker.publish(topic, new BrokerMessage(headers, body)).block(WAIT);
                assertThat(goSubscriber.output()).isNotEmpty();
            });
            JsonNode line = JSON.readTree(goSubscriber.output().get(0));
            assertThat(line.path("topic").asString()).isEqualTo(topic);
            assertThat(line.path("header").path("Trace-Id").asString()).isEqualTo("java-trace");
            assertThat(line.path("header").path("Micro-ID").asString()).isEqualTo("java-1");
            assertThat(line.path("event").path("message").asString()).isEqualTo("from java");
            assertThat(line.path("event").path("seq").asInt()).isEqualTo(7);
        }
    }

    private static Map<String, String> env(String brokerName, String address) {
        Map<String, String> env = new HashMap<>(GoPeers.brokerEnv(brokerName, address));
        env.putAll(GoPeers.registryEnv("memory", null));
        return env;
    }
}
