package io.microspring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.microspring.annotation.MicroSubscriber;
import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.RetryPolicy;
import io.microspring.client.RpcClient;
import io.microspring.codec.Codecs;
import io.microspring.metadata.Metadata;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;
import io.microspring.test.proto.HelloRequest;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The scenarios every broker must pass (issue scenarios 1 and 5): queue groups, broadcast,
 * headers, typed JSON and protobuf subscribers, unreadable messages. A subclass says how a member
 * of the scenario (as if another process) gets its broker; each member publishes and subscribes
 * through its own.
 */
abstract class BrokerScenarios {

    static final String JSON_TOPIC = "micro.test.greetings.json";
    static final String PROTO_TOPIC = "micro.test.greetings.proto";
    static final String STRICT_TOPIC = "micro.test.greetings.strict";
    static final Duration WAIT = Duration.ofSeconds(20);

    private final List<Runnable> cleanups = new ArrayList<>();
    private final ListAppender<ILoggingEvent> brokerLog = new ListAppender<>();

    /** A connected broker for a new member of the scenario; closed by the subclass's own cleanup if shared. */
    protected abstract Broker newMember();

    @BeforeEach
    void captureBrokerLog() {
        brokerLog.start();
        ((Logger) LoggerFactory.getLogger("io.microspring.broker")).addAppender(brokerLog);
    }

    @AfterEach
    void cleanUp() {
        ((Logger) LoggerFactory.getLogger("io.microspring.broker")).detachAppender(brokerLog);
        Collections.reverse(cleanups);
        cleanups.forEach(Runnable::run);
    }

    /** Runs {@code cleanup} after the test, before those registered earlier. */
    protected final void afterTest(Runnable cleanup) {
        cleanups.add(cleanup);
    }

    protected final Broker member() {
        Broker broker = newMember();
        afterTest(broker::close);
        return broker;
    }

    protected final Subscription subscribe(Broker broker, String topic, SubscribeOptions options, BrokerHandler handler) {
        Subscription subscription = broker.subscribe(topic, handler, options);
        afterTest(subscription::unsubscribe);
        return subscription;
    }

    /** Subscribes the {@code @MicroSubscriber} methods of {@code bean} through {@code broker}. */
    protected final void subscribe(Broker broker, Object bean) {
        for (Subscriber subscriber : Subscriber.of("Greetings", bean, bean.getClass(), Codecs.standard())) {
            subscribe(broker, subscriber.topic(), subscriber.options(),
                    event -> subscriber.handle(event, Schedulers.boundedElastic()));
        }
    }

    /** A client publishing through {@code broker}, as an application's {@code MicroClient}. */
    protected final RpcClient client(Broker broker) {
        HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
        afterTest(transport::close);
        return new RpcClient(new RegistrySelector(new CachingRegistry(new MemoryRegistry(), Duration.ofMinutes(1)),
                Strategy.random(), Duration.ofSeconds(1)), transport, Codecs.standard(),
                CallOptions.builder().requestTimeout(Duration.ofSeconds(5)).connectionTimeout(Duration.ofSeconds(1))
                        .retries(0).backoff(Backoff.none()).retryPolicy(RetryPolicy.unprocessedOnly())
                        .contentType("application/json").build(),
                List.of(), broker);
    }

    protected static String topic(String name) {
        return "micro.test." + name + "." + UUID.randomUUID();
    }

    protected static BrokerMessage message(String id, String body) {
        return new BrokerMessage(Metadata.of(BrokerMessage.ID_HEADER, id, BrokerMessage.CONTENT_TYPE_HEADER,
                "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    /** The broker's log lines at ERROR, as formatted. */
    protected final List<String> brokerErrors() {
        return brokerLog.list.stream().filter(event -> event.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void queueGroupDeliversEachMessageToExactlyOneMember() {
        String topic = topic("queue");
        Map<String, List<String>> receivedBy = new ConcurrentHashMap<>();
        for (String member : List.of("a", "b", "c")) {
            List<String> received = new CopyOnWriteArrayList<>();
            receivedBy.put(member, received);
            subscribe(member(), topic, SubscribeOptions.queue("workers"), event -> {
                received.add(event.message().id());
                return Mono.empty();
            });
        }
        Broker publisher = member();
        for (int i = 0; i < 30; i++) {
            publisher.publish(topic, message("m" + i, "{}")).block(WAIT);
        }

        await().atMost(WAIT).until(() -> total(receivedBy) >= 30);
        sleepQuietly(300); // room for a duplicate to show up
        List<String> all = receivedBy.values().stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(30).doesNotHaveDuplicates();
        assertThat(receivedBy.values().stream().filter(list -> !list.isEmpty())).as("members that got a share")
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void broadcastSubscribersGetEveryMessage() {
        String topic = topic("broadcast");
        List<List<String>> receivers = new ArrayList<>();
        for (SubscribeOptions options : List.of(SubscribeOptions.broadcast(), SubscribeOptions.broadcast(),
                SubscribeOptions.queue("lonely"))) {
            List<String> received = new CopyOnWriteArrayList<>();
            receivers.add(received);
            subscribe(member(), topic, options, event -> {
                received.add(event.message().id());
                return Mono.empty();
            });
        }
        Broker publisher = member();
        for (int i = 0; i < 10; i++) {
            publisher.publish(topic, message("b" + i, "{}")).block(WAIT);
        }

        for (List<String> received : receivers) {
            await().atMost(WAIT).until(() -> received.size() >= 10);
        }
        sleepQuietly(300);
        for (List<String> received : receivers) {
            assertThat(received).containsExactlyInAnyOrder("b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9");
        }
    }

    @Test
    void headersAndBodyArriveIntact() throws InterruptedException {
        String topic = topic("headers");
        BlockingQueue<BrokerEvent> events = new LinkedBlockingQueue<>();
        subscribe(member(), topic, SubscribeOptions.broadcast(), event -> {
            events.add(event);
            return Mono.empty();
        });
        byte[] body = {0, 1, 2, (byte) 0xfe, (byte) 0xff, '{', '"'};
        Metadata headers = Metadata.of(BrokerMessage.ID_HEADER, "h-1", BrokerMessage.CONTENT_TYPE_HEADER,
                "application/octet-stream", "Trace-Id", "trace \"quoted\" é", "x-lower-case", "v", "Empty", "");
        member().publish(topic, new BrokerMessage(headers, body)).block(WAIT);

        BrokerEvent event = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        assertThat(event.topic()).isEqualTo(topic);
        assertThat(event.message().body()).containsExactly(body);
        assertThat(event.message().headers().asMap()).containsAllEntriesOf(headers.asMap());
        assertThat(event.message().id()).isEqualTo("h-1");
    }

    @Test
    void jsonAndProtobufMessagesReachTypedSubscribersWithTheirMetadata() throws InterruptedException {
        Greetings greetings = new Greetings();
        subscribe(member(), greetings);
        RpcClient client = client(member());
        Metadata metadata = Metadata.of("Trace-Id", "t-42");

        client.publish(JSON_TOPIC, new Greeting("John", 3)).contextWrite(metadata::into).block(WAIT);
        client.publish(PROTO_TOPIC, HelloRequest.newBuilder().setName("Jane").build(),
                CallOptions.builder().contentType("application/protobuf").metadata(metadata).build()).block(WAIT);

        assertThat(List.of(greetings.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS),
                greetings.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS))).containsExactlyInAnyOrder(
                        "json John 3 trace=t-42 protocol headers in metadata=false",
                        "proto Jane trace=t-42 content type=application/protobuf");
    }

    @Test
    void unreadableMessageIsReportedAndTheSubscriberKeepsConsuming() throws InterruptedException {
        Greetings greetings = new Greetings();
        subscribe(member(), greetings);
        Broker publisher = member();

        publisher.publish(STRICT_TOPIC, message("bad-1", "{not json")).block(WAIT);
        publisher.publish(STRICT_TOPIC, message("good-1", "{\"name\":\"after\",\"times\":1}")).block(WAIT);

        assertThat(greetings.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("strict after");
        await().atMost(WAIT).untilAsserted(() -> assertThat(brokerErrors())
                .anySatisfy(line -> assertThat(line).contains("bad-1").contains(STRICT_TOPIC).contains("Greeting")));
        sleepQuietly(300);
        assertThat(greetings.received).isEmpty();
    }

    protected static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int total(Map<String, List<String>> receivedBy) {
        return receivedBy.values().stream().mapToInt(List::size).sum();
    }

    /** A JSON message. */
    public record Greeting(String name, int times) {
    }

    /** Typed subscribers, as an application writes them. */
    public static final class Greetings {

        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @MicroSubscriber(topic = JSON_TOPIC)
        public void json(Greeting greeting, Metadata metadata) {
            received.add("json " + greeting.name() + " " + greeting.times() + " trace=" + metadata.get("Trace-Id").orElse("")
                    + " protocol headers in metadata=" + metadata.get(BrokerMessage.TOPIC_HEADER).isPresent());
        }

        @MicroSubscriber(topic = PROTO_TOPIC, queue = "greeters")
        public Mono<Void> proto(HelloRequest request, BrokerEvent event) {
            return Mono.deferContextual(context -> {
                received.add("proto " + request.getName() + " trace=" + Metadata.from(context).get("Trace-Id").orElse("")
                        + " content type=" + event.message().headers().get("Content-Type").orElse(""));
                return Mono.empty();
            });
        }

        @MicroSubscriber(topic = STRICT_TOPIC, queue = "strict")
        public void strict(Greeting greeting) {
            received.add("strict " + greeting.name());
        }
    }
}
