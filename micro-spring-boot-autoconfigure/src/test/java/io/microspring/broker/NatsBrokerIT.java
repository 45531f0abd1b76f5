package io.microspring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.broker.nats.NatsBroker;
import io.microspring.broker.nats.NatsBrokerSettings;
import io.microspring.testing.FreePorts;
import io.microspring.testing.NatsServer;
import reactor.core.publisher.Mono;

/** The broker scenarios on a real NATS server, plus scenario 3: the server restarts while messages are published. */
class NatsBrokerIT extends BrokerScenarios {

    @RegisterExtension
    static NatsServer nats = new NatsServer();

    @Override
    protected Broker newMember() {
        NatsBroker broker = new NatsBroker(settings(nats.url()));
        broker.connect();
        return broker;
    }

    private static NatsBrokerSettings settings(String url) {
        return NatsBrokerSettings.defaults().withServers(List.of(url)).withReconnectWait(Duration.ofMillis(200));
    }

    @Test
    void publisherAndSubscribersReconnectByThemselvesAndTheOutageIsReportedToThePublisher() throws InterruptedException {
        String topic = topic("restart");
        Set<Integer> queueReceived = ConcurrentHashMap.newKeySet();
        Set<Integer> broadcastReceived = ConcurrentHashMap.newKeySet();
        subscribe(member(), topic, SubscribeOptions.queue("workers"), event -> record(queueReceived, event));
        subscribe(member(), topic, SubscribeOptions.broadcast(), event -> record(broadcastReceived, event));
        Broker publisher = member();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger sequence = new AtomicInteger();
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread loop = new Thread(() -> {
            while (publishing.get()) {
                try {
                    publisher.publish(topic, message(Integer.toString(sequence.incrementAndGet()), "{}")).block();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
                sleepQuietly(20);
            }
        }, "test-publisher");
        loop.start();
        afterTest(() -> publishing.set(false));

        await().atMost(WAIT).until(() -> queueReceived.size() >= 5 && broadcastReceived.size() >= 5);
        nats.stop();
        await().atMost(WAIT).until(() -> !failures.isEmpty());
        nats.start();
        int restartedAt = sequence.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> queueReceived.stream().anyMatch(seq -> seq > restartedAt)
                && broadcastReceived.stream().anyMatch(seq -> seq > restartedAt));
        publishing.set(false);
        loop.join(5_000);

        assertThat(failures).allSatisfy(failure -> assertThat(failure).isInstanceOf(BrokerException.class)
                .hasMessageContaining("Cannot publish to topic " + topic).hasMessageContaining(nats.url()));
    }

    @Test
    void anUnreachableServerFailsConnectNamingItsAddress() {
        String url = "nats://127.0.0.1:" + FreePorts.find();
        NatsBroker broker = new NatsBroker(settings(url));

        assertThatThrownBy(broker::connect).isInstanceOf(BrokerException.class)
                .hasMessageContaining("Cannot connect to NATS at " + url)
                .hasMessageContaining("micro.broker-address");
    }

    private static Mono<Void> record(Set<Integer> received, BrokerEvent event) {
        received.add(Integer.parseInt(event.message().id()));
        return Mono.empty();
    }
}
