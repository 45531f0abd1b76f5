package io.microspring.broker;

import java.net.URI;

import io.microspring.broker.rabbitmq.RabbitMqBroker;
import io.microspring.broker.rabbitmq.RabbitMqBrokerSettings;
import reactor.core.publisher.Mono;

/**
 * A queue-group member of {@link RabbitMqFailureIT} that gets killed mid-handling: subscribes to a
 * topic, prints {@code READY}, and handles each message in {@code <millis>}, printing {@code
 * HANDLED <id>} when done (its acknowledgement follows). Arguments: {@code <amqp uri> <topic>
 * <queue> <millis>}.
 */
public final class SlowSubscriberMain {

    private SlowSubscriberMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long millis = Long.parseLong(args[3]);
        RabbitMqBroker broker = new RabbitMqBroker(RabbitMqBrokerSettings.defaults().withUri(URI.create(args[0])));
        broker.connect();
        broker.subscribe(args[1], event -> Mono.fromRunnable(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("HANDLED " + event.message().id());
            System.out.flush();
        }), SubscribeOptions.queue(args[2]));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
