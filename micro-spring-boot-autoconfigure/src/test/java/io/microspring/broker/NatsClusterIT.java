package io.microspring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.broker.nats.NatsBroker;
import io.microspring.broker.nats.NatsBrokerSettings;
import io.microspring.testing.NatsCluster;
import reactor.core.publisher.Mono;

/**
 * The NATS broker on a three-server cluster: the server a queue-group subscriber is connected to
 * is killed (SIGKILL) during a steady publish. The publisher and the other member of the queue
 * group are on the two other servers, so that the publisher's server hands each message to a
 * remote member. Core NATS delivers at most once: the messages lost in the switch are counted and
 * printed as a {@code CLUSTER [nats]} line, not asserted away.
 */
class NatsClusterIT {

    @RegisterExtension
    static final NatsCluster nats = new NatsCluster(3);

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration STEADY = Duration.ofSeconds(1);
    private static final long PUBLISH_PAUSE_MILLIS = 2;

    private final List<NatsBroker> brokers = new ArrayList<>();

    @AfterEach
    void closeBrokers() {
        brokers.forEach(NatsBroker::close);
    }

    @Test
    void aSubscriberWhoseServerDiesMovesToAnotherAndItsQueueGroupKeepsOneDeliveryPerMessage() throws Exception {
        NatsBrokerSettings settings = NatsBrokerSettings.defaults().withServers(nats.urls());
        NatsBroker moving = connect(settings);
        NatsCluster.Server doomed = nats.byUrl(moving.address());
        List<String> others = nats.urls().stream().filter(url -> !url.equals(doomed.url())).toList();
        NatsBroker staying = connect(settings.withServers(List.of(others.get(0))));
        NatsBroker publisher = connect(settings.withServers(List.of(others.get(1))));

        String topic = BrokerScenarios.topic("nats-cluster");
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        AtomicInteger movingGot = new AtomicInteger();
        for (NatsBroker member : List.of(moving, staying)) {
            member.subscribe(topic, event -> Mono.fromRunnable(() -> {
                deliveries.computeIfAbsent(event.message().id(), id -> new AtomicInteger()).incrementAndGet();
                if (member == moving) {
                    movingGot.incrementAndGet();
                }
            }), SubscribeOptions.queue("workers"));
        }

        try (SteadyPublisher publishing = new SteadyPublisher(publisher, topic, PUBLISH_PAUSE_MILLIS)) {
            Thread.sleep(STEADY.toMillis());
            int beforeKill = publishing.published();
            long killed = System.nanoTime();
            doomed.kill();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(5))
                    .until(() -> moving.isConnected() && !moving.address().equals(doomed.url()));
            Duration reconnected = Duration.ofNanos(System.nanoTime() - killed);
            int movingBefore = movingGot.get();
            Thread.sleep(STEADY.toMillis());
            int settledFrom = publishing.published();
            Thread.sleep(STEADY.toMillis());
            publishing.close();

            List<String> sent = publishing.ids();
            await().atMost(WAIT).until(() -> sent.subList(settledFrom, sent.size()).stream()
                    .allMatch(deliveries::containsKey));
            Thread.sleep(300); // a second delivery of any message would arrive by now
            List<String> lost = sent.stream().filter(id -> !deliveries.containsKey(id)).toList();
            long twice = deliveries.values().stream().filter(count -> count.get() > 1).count();
            System.out.println("CLUSTER [nats] killed " + doomed.name() + " under the subscriber: it reconnected to "
                    + moving.address() + " after " + reconnected.toMillis() + " ms (reconnect wait "
                    + settings.reconnectWait().toMillis() + " ms); " + sent.size() + " messages published ("
                    + beforeKill + " before the kill, " + publishing.failures() + " publishes refused), "
                    + deliveries.size() + " delivered, " + lost.size() + " lost in the switch " + lost
                    + ", " + twice + " delivered twice; the moved subscriber handled " + (movingGot.get() - movingBefore)
                    + " after it reconnected");

            assertThat(deliveries.values()).as("deliveries per message").allSatisfy(count ->
                    assertThat(count.get()).isEqualTo(1));
            assertThat(reconnected).isLessThanOrEqualTo(settings.reconnectWait().plus(settings.connectionTimeout()));
            assertThat(movingGot.get()).as("messages the moved subscriber handled after it reconnected")
                    .isGreaterThan(movingBefore);
            assertThat(publishing.failures()).isZero();
        }
    }

    private NatsBroker connect(NatsBrokerSettings settings) {
        NatsBroker broker = new NatsBroker(settings);
        brokers.add(broker);
        broker.connect();
        return broker;
    }
}
