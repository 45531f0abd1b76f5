package io.microspring.broker;

import java.net.URI;

import io.microspring.broker.rabbitmq.RabbitMqBroker;
import io.microspring.broker.rabbitmq.RabbitMqBrokerSettings;
import reactor.core.publisher.Mono;

/**
 * The member of {@link RabbitMqBrokerIT} that gets killed: subscribes to a topic in a queue group,
 * prints {@code READY}, then prints {@code HANDLING <id>} for the first message and never finishes
 * handling it. Arguments: {@code <amqp uri> <topic> <queue>}.
 */
public final class RabbitMqSubscriberMain {

    private RabbitMqSubscriberMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RabbitMqBroker broker = new RabbitMqBroker(RabbitMqBrokerSettings.defaults().withUri(URI.create(args[0])));
        broker.connect();
        broker.subscribe(args[1], event -> Mono.fromRunnable(() -> {
            System.out.println("HANDLING " + event.message().id());
            System.out.flush();
            sleepForever();
        }), SubscribeOptions.queue(args[2]));
        System.out.println("READY");
        System.out.flush();
        sleepForever();
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
