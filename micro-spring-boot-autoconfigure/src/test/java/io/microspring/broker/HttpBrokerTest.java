package io.microspring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.microspring.broker.http.HttpBroker;
import io.microspring.broker.http.HttpBrokerSettings;
import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.testing.FreePorts;
import reactor.core.publisher.Mono;

/**
 * The broker scenarios on go-micro's HTTP broker, each member with its own broker (own HTTP server)
 * registering in one registry, plus its wire format and scenario 4: dead subscriber nodes.
 */
class HttpBrokerTest extends BrokerScenarios {

    private final MemoryRegistry registry = new MemoryRegistry();

    @Override
    protected Broker newMember() {
        return new HttpBroker(HttpBrokerSettings.defaults(), new CachingRegistry(registry, Duration.ofMinutes(1)));
    }

    @Test
    void subscribersRegisterAsGoMicroDoes() {
        String topic = topic("nodes");
        Broker broker = member();
        subscribe(broker, topic, SubscribeOptions.queue("workers"), event -> Mono.empty());
        subscribe(broker, topic, SubscribeOptions.broadcast(), event -> Mono.empty());

        List<Service> services = registry.getService(HttpBroker.SERVICE_NAME);
        assertThat(services).extracting(Service::version).containsExactlyInAnyOrder("workers", "ff.http.broadcast");
        for (Service service : services) {
            Node node = service.nodes().get(0);
            assertThat(node.id()).startsWith(topic + "-");
            assertThat(UUID.fromString(node.id().substring(topic.length() + 1))).isNotNull();
            assertThat(node.address()).isEqualTo(broker.address()).startsWith("127.0.0.1:");
            assertThat(node.metadata()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("broker", "http", "topic", topic, "secure", "false"));
        }
    }

    @Test
    void aMessagePostedAsGoMicroPostsItIsDelivered() throws Exception {
        String topic = topic("wire");
        BlockingQueue<BrokerEvent> events = new LinkedBlockingQueue<>();
        Broker broker = member();
        subscribe(broker, topic, SubscribeOptions.broadcast(), event -> {
            events.add(event);
            return Mono.empty();
        });
        String nodeId = registry.getService(HttpBroker.SERVICE_NAME).get(0).nodes().get(0).id();
        String body = "{\"Header\":{\"Content-Type\":\"application/json\",\"Micro-ID\":\"go-1\",\"Micro-Topic\":\"" + topic
                + "\",\"Trace\":\"x\"},\"Body\":\"" + Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8))
                + "\"}";

        HttpResponse<String> delivered = post(broker.address(), nodeId, body);
        HttpResponse<String> unknown = post(broker.address(), topic + "-" + UUID.randomUUID(), body);

        assertThat(delivered.statusCode()).isEqualTo(200);
        BrokerEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        assertThat(event.message().id()).isEqualTo("go-1");
        assertThat(event.message().headers().get("Trace")).hasValue("x");
        assertThat(new String(event.message().body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"id\":\"go.micro.broker\"").contains("\"code\":404");
    }

    @Test
    void queueGroupGetsEveryMessageThroughItsLiveMembersWhenOneIsDead() {
        String topic = topic("dead-member");
        List<String> received = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            subscribe(member(), topic, SubscribeOptions.queue("workers"), event -> {
                received.add(event.message().id());
                return Mono.empty();
            });
        }
        String deadAddress = registerDeadNode(topic, "workers");
        Broker publisher = member();

        for (int i = 0; i < 20; i++) {
            publisher.publish(topic, message("d" + i, "{}")).block(WAIT);
        }

        await().atMost(WAIT).until(() -> received.size() >= 20);
        assertThat(received).hasSize(20).doesNotHaveDuplicates();
        assertThat(deadAddress).isNotEqualTo(publisher.address());
    }

    @Test
    void publisherSeesAClearErrorOnlyWhenNoMemberOfAGroupIsReachable() {
        String topic = topic("all-dead");
        List<String> broadcastReceived = new CopyOnWriteArrayList<>();
        subscribe(member(), topic, SubscribeOptions.broadcast(), event -> {
            broadcastReceived.add(event.message().id());
            return Mono.empty();
        });
        registerDeadNode(topic, HttpBroker.BROADCAST_VERSION);
        String deadOne = registerDeadNode(topic, "workers");
        String deadTwo = registerDeadNode(topic, "workers");
        Broker publisher = member();

        assertThatThrownBy(() -> publisher.publish(topic, message("x1", "{}")).block(WAIT))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("Cannot deliver to topic " + topic)
                .hasMessageContaining("no member of queue group workers is reachable")
                .hasMessageContaining(deadOne)
                .hasMessageContaining(deadTwo);
        // the live broadcast subscriber still got it: only the dead group failed
        await().atMost(WAIT).until(() -> broadcastReceived.contains("x1"));
    }

    @Test
    void publishingToATopicWithoutSubscribersSucceeds() {
        member().publish(topic("nobody"), message("n1", "{}")).block(WAIT);
    }

    /** Registers a subscriber node of {@code topic} that nothing answers, as a crashed process leaves it. */
    private String registerDeadNode(String topic, String version) {
        String address = "127.0.0.1:" + FreePorts.find();
        Node node = new Node(topic + "-" + UUID.randomUUID(), address, Map.of("broker", "http", "topic", topic,
                "secure", "false"));
        registry.register(new Service(HttpBroker.SERVICE_NAME, version, Map.of(), List.of(), List.of(node)),
                Duration.ofMinutes(1));
        return address;
    }

    private static HttpResponse<String> post(String address, String nodeId, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + "/?id=" + nodeId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
