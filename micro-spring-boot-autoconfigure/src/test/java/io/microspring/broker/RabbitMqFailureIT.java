package io.microspring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.broker.rabbitmq.RabbitMqBroker;
import io.microspring.broker.rabbitmq.RabbitMqBrokerSettings;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.RabbitMqServer;
import reactor.core.publisher.Mono;

/**
 * RabbitMQ under failure, every message counted: a queue-group member killed (SIGKILL) while it
 * handles messages, and the broker itself killed and restarted under a steady publish of persistent
 * messages with publisher confirms (and, beside it, a steady publish to go-micro's transient
 * exchange, whose publisher must recover too). The figures are printed as {@code CLUSTER
 * [rabbitmq]} lines.
 */
class RabbitMqFailureIT {

    @RegisterExtension
    static final RabbitMqServer rabbit = new RabbitMqServer().withStartupTimeout(Duration.ofMinutes(3));

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MESSAGES = 300;
    private static final long HANDLE_MILLIS = 10;

    private final List<AutoCloseable> cleanups = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            cleanups.get(i).close();
        }
    }

    @Test
    void aMemberKilledMidHandlingLosesNoMessage() {
        String topic = BrokerScenarios.topic("killed-member");
        ExternalProcess doomed = ChildJvm.start("slow-subscriber", SlowSubscriberMain.class, rabbit.amqpUri(), topic,
                "counted", Long.toString(HANDLE_MILLIS));
        cleanups.add(doomed::kill);
        Map<String, AtomicInteger> survivorGot = new ConcurrentHashMap<>();
        connect(settings()).subscribe(topic, event -> Mono.fromRunnable(() -> {
            pause(HANDLE_MILLIS);
            survivorGot.computeIfAbsent(event.message().id(), id -> new AtomicInteger()).incrementAndGet();
        }), SubscribeOptions.queue("counted"));
        RabbitMqBroker publisher = connect(settings().withPublisherConfirms());
        List<String> sent = IntStream.range(0, MESSAGES).mapToObj(i -> "k" + i).toList();
        for (String id : sent) {
            publisher.publish(topic, BrokerScenarios.message(id, "{}")).block(WAIT);
        }

        await().atMost(WAIT).until(() -> handledBy(doomed).size() >= 30);
        doomed.kill();
        Set<String> doomedHandled = handledBy(doomed);

        await().atMost(WAIT).until(() -> union(doomedHandled, survivorGot.keySet()).containsAll(sent));
        pause(300); // a late redelivery would arrive by now
        List<String> twice = sent.stream().filter(id -> doomedHandled.contains(id) && survivorGot.containsKey(id))
                .toList();
        System.out.println("CLUSTER [rabbitmq] member killed mid-handling: " + sent.size() + " sent, "
                + doomedHandled.size() + " handled by the killed member, " + survivorGot.size()
                + " by the survivor, 0 lost, " + twice.size() + " handled twice " + twice
                + " (handled, killed before the ack)");
        assertThat(union(doomedHandled, survivorGot.keySet())).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(survivorGot.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(twice).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aBrokerKilledAndRestartedLosesNoConfirmedPersistentMessageAndEveryPublisherRecovers() throws InterruptedException {
        String topic = BrokerScenarios.topic("broker-restart");
        RabbitMqBrokerSettings durable = settings().withExchange("micro.durable").withDurableExchange();
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        connect(durable).subscribe(topic, event -> Mono.fromRunnable(() -> received
                .computeIfAbsent(event.message().id(), id -> new AtomicInteger()).incrementAndGet()),
                SubscribeOptions.queue("restart-counted").withDurableQueue());
        RabbitMqBroker publisher = connect(durable.withPublisherConfirms().withPersistentMessages());
        // go-micro's default, a transient exchange: gone after the restart until recovery declares it again
        RabbitMqBroker onTransient = connect(settings().withPublisherConfirms());

        try (SteadyPublisher publishing = new SteadyPublisher(publisher, topic, 5);
                SteadyPublisher transientPublishing = new SteadyPublisher(onTransient, topic, 5)) {
            Thread.sleep(1000);
            int beforeKill = publishing.published();
            rabbit.kill();
            rabbit.start();
            long up = System.nanoTime();
            int atRestart = publishing.published();
            int transientAtRestart = transientPublishing.published();
            await().atMost(WAIT).until(() -> publishing.published() > atRestart + 100
                    && transientPublishing.published() > transientAtRestart + 100);
            publishing.close();
            transientPublishing.close();

            List<String> confirmed = publishing.ids();
            await().atMost(WAIT).until(() -> received.keySet().containsAll(confirmed));
            pause(300);
            long twice = received.values().stream().filter(count -> count.get() > 1).count();
            System.out.println("CLUSTER [rabbitmq] broker killed and restarted (restart took "
                    + rabbit.lastStartupTime().toMillis() + " ms): " + confirmed.size() + " publishes confirmed ("
                    + beforeKill + " before the kill), " + publishing.failures()
                    + " refused while it was down, publishing again " + "and all confirmed delivered "
                    + Duration.ofNanos(System.nanoTime() - up).toMillis() + " ms after it was up; "
                    + received.size() + " distinct delivered, 0 confirmed lost, " + twice + " delivered twice; "
                    + (transientPublishing.published() - transientAtRestart) + " confirmed after the restart on a "
                    + "transient exchange");
            assertThat(received.keySet()).containsAll(confirmed);
        }
    }

    @Test
    void anExchangeDeclaredBeforeWithOtherSettingsIsNamedInTheError() {
        connect(settings().withExchange("micro.transient"));
        RabbitMqBroker durable = new RabbitMqBroker(settings().withExchange("micro.transient").withDurableExchange());

        assertThatThrownBy(durable::connect).isInstanceOf(BrokerException.class)
                .hasMessageContaining("refused to declare the exchanges and the dead-letter queue: "
                        + "PRECONDITION_FAILED - inequivalent arg "
                        + "'durable' for exchange 'micro.transient'")
                .hasMessageContaining("match micro.rabbitmq.exchange-durable to it, or delete it");
    }

    private static RabbitMqBrokerSettings settings() {
        return RabbitMqBrokerSettings.defaults().withUri(URI.create(rabbit.amqpUri()));
    }

    private RabbitMqBroker connect(RabbitMqBrokerSettings settings) {
        RabbitMqBroker broker = new RabbitMqBroker(settings);
        cleanups.add(broker);
        broker.connect();
        return broker;
    }

    private static Set<String> handledBy(ExternalProcess member) {
        Set<String> handled = new HashSet<>();
        for (String line : member.stdout()) {
            if (line.startsWith("HANDLED ")) {
                handled.add(line.substring("HANDLED ".length()));
            }
        }
        return handled;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
