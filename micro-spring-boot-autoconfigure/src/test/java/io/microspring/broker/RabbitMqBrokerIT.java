package io.microspring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.microspring.broker.rabbitmq.RabbitMqBroker;
import io.microspring.broker.rabbitmq.RabbitMqBrokerSettings;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.RabbitMqServer;
import reactor.core.publisher.Mono;

/**
 * The broker scenarios on a real RabbitMQ node, plus scenario 2 (redelivery after a failure or a
 * killed member, requeue limit and dead letters) and the dead-lettering of unreadable messages.
 */
class RabbitMqBrokerIT extends BrokerScenarios {

    @RegisterExtension
    static RabbitMqServer rabbit = new RabbitMqServer().withStartupTimeout(Duration.ofMinutes(3));

    private static final int REQUEUE_LIMIT = 2;

    @Override
    protected Broker newMember() {
        RabbitMqBroker broker = new RabbitMqBroker(settings());
        broker.connect();
        return broker;
    }

    private static RabbitMqBrokerSettings settings() {
        return RabbitMqBrokerSettings.defaults().withUri(URI.create(rabbit.amqpUri())).withRequeueLimit(REQUEUE_LIMIT);
    }

    @Test
    void aFailingHandlerHasItsMessageRedelivered() {
        String topic = topic("redeliver");
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        subscribe(member(), topic, SubscribeOptions.queue("flaky"), event -> Mono.fromRunnable(() -> {
            if (attempts.merge(event.message().id(), 1, Integer::sum) <= 2) {
                throw new IllegalStateException("not yet");
            }
            handled.add(event.message().id());
        }));

        member().publish(topic, message("r-1", "{}")).block(WAIT);

        await().atMost(WAIT).until(() -> handled.contains("r-1"));
        sleepQuietly(300);
        assertThat(attempts).containsEntry("r-1", 3);
        assertThat(handled).containsExactly("r-1");
    }

    @Test
    void aMessageThatKeepsFailingIsDeadLetteredAfterTheRequeueLimit() {
        String topic = topic("poison");
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        subscribe(member(), topic, SubscribeOptions.queue("failing"), event -> Mono.fromRunnable(() -> {
            attempts.merge(event.message().id(), 1, Integer::sum);
            if (event.message().id().startsWith("poison")) {
                throw new IllegalStateException("always broken");
            }
            handled.add(event.message().id());
        }));
        Broker publisher = member();

        publisher.publish(topic, message("poison-1", "{}")).block(WAIT);
        publisher.publish(topic, message("fine-1", "{}")).block(WAIT);

        GetResponse letter = awaitDeadLetter("poison-1");
        assertThat(attempts).containsEntry("poison-1", REQUEUE_LIMIT + 1);
        assertThat(letter.getEnvelope().getRoutingKey()).isEqualTo(topic);
        assertThat(letter.getProps().getHeaders().get("Micro-Error").toString()).contains("always broken");
        await().atMost(WAIT).until(() -> handled.contains("fine-1"));
    }

    @Test
    void anUnreadableMessageIsDeadLetteredWithoutRetries() {
        Greetings greetings = new Greetings();
        subscribe(member(), greetings);

        member().publish(STRICT_TOPIC, message("unreadable-1", "[1, 2")).block(WAIT);

        GetResponse letter = awaitDeadLetter("unreadable-1");
        assertThat(letter.getProps().getHeaders().get("Micro-Error").toString()).contains("Cannot decode message unreadable-1");
        assertThat(new String(letter.getBody(), StandardCharsets.UTF_8)).isEqualTo("[1, 2");
        assertThat(letter.getEnvelope().isRedeliver()).isFalse();
    }

    @Test
    void aMemberKilledWhileHandlingLeavesItsMessagesToAnotherMember() {
        String topic = topic("sigkill");
        ExternalProcess doomed = ChildJvm.start("rabbitmq-subscriber", RabbitMqSubscriberMain.class, rabbit.amqpUri(),
                topic, "workers");
        afterTest(doomed::kill);
        Broker publisher = member();
        List<String> sent = IntStream.range(0, 10).mapToObj(i -> "k" + i).toList();
        for (String id : sent) {
            publisher.publish(topic, message(id, "{}")).block(WAIT);
        }
        String inHand = doomed.awaitMatch(Pattern.compile("^HANDLING (\\S+)$"), WAIT, ExternalProcess.Stream.STDOUT)
                .group(1);
        List<String> survivorGot = new CopyOnWriteArrayList<>();
        subscribe(member(), topic, SubscribeOptions.queue("workers"), event -> {
            survivorGot.add(event.message().id());
            return Mono.empty();
        });

        doomed.kill();

        await().atMost(WAIT).until(() -> survivorGot.containsAll(sent));
        assertThat(survivorGot).contains(inHand).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void withPublisherConfirmsAPublishCompletesOnceRabbitMqHasTheMessage() {
        String topic = topic("confirmed");
        List<String> received = new CopyOnWriteArrayList<>();
        subscribe(member(), topic, SubscribeOptions.broadcast(), event -> {
            received.add(event.message().id());
            return Mono.empty();
        });
        RabbitMqBroker confirming = new RabbitMqBroker(settings().withPublisherConfirms());
        confirming.connect();
        afterTest(confirming::close);

        for (int i = 0; i < 20; i++) {
            confirming.publish(topic, message("c" + i, "{}")).block(WAIT);
        }

        await().atMost(WAIT).until(() -> received.size() == 20);
    }

    @Test
    void afterRabbitMqRestartsPublisherAndSubscriberRecoverByThemselves() {
        String topic = topic("restart");
        List<String> received = new CopyOnWriteArrayList<>();
        subscribe(member(), topic, SubscribeOptions.queue("restart-workers"), event -> {
            received.add(event.message().id());
            return Mono.empty();
        });
        Broker publisher = member();
        publisher.publish(topic, message("before", "{}")).block(WAIT);
        await().atMost(WAIT).until(() -> received.contains("before"));

        rabbit.stop();
        rabbit.start();

        // the exchange, the queue, its binding and the consumer come back with the connections
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                publisher.publish(topic, message("after", "{}")).block(WAIT);
            } catch (BrokerException e) {
                return false;
            }
            return received.contains("after");
        });
    }

    /** Takes dead letters off the dead-letter queue until the one with message id {@code id} shows up. */
    private static GetResponse awaitDeadLetter(String id) {
        List<GetResponse> found = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(rabbit.amqpUri());
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                for (GetResponse letter = channel.basicGet(RabbitMqBrokerSettings.DEFAULT_DEAD_LETTER_EXCHANGE, true);
                        letter != null; letter = channel.basicGet(RabbitMqBrokerSettings.DEFAULT_DEAD_LETTER_EXCHANGE, true)) {
                    Object letterId = letter.getProps().getHeaders().get(BrokerMessage.ID_HEADER);
                    if (letterId != null && letterId.toString().equals(id)) {
                        found.add(letter);
                    }
                }
            }
            return !found.isEmpty();
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
