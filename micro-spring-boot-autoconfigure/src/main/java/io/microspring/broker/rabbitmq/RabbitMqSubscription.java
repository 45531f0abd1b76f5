package io.microspring.broker.rabbitmq;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;

import io.microspring.broker.BrokerEvent;
import io.microspring.broker.BrokerHandler;
import io.microspring.broker.BrokerMessage;
import io.microspring.broker.SubscribeOptions;
import io.microspring.broker.Subscription;
import io.microspring.broker.UnreadableMessageException;
import io.microspring.metadata.Metadata;

/**
 * One consumer of the {@link RabbitMqBroker} on a channel of its own: handles its queue's messages
 * one at a time, acknowledges them once handled, requeues a failed one up to the requeue limit
 * (failures are counted per message id by this consumer) and then, or at once for an unreadable
 * message, publishes it to the dead-letter exchange with the reason in header
 * {@value #ERROR_HEADER} before acknowledging it.
 */
final class RabbitMqSubscription implements Subscription {

    /** The header holding why a message was dead-lettered. */
    static final String ERROR_HEADER = "Micro-Error";

    private static final Logger log = LoggerFactory.getLogger(RabbitMqSubscription.class);
    private static final Duration UNSUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);
    private static final long DEAD_LETTER_CONFIRM_MILLIS = 5_000;
    private static final int TRACKED_FAILURES = 10_000;

    private final Channel channel;
    private final RabbitMqBrokerSettings settings;
    private final String topic;
    private final BrokerHandler handler;
    private final SubscribeOptions options;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Integer> failures = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > TRACKED_FAILURES;
        }
    });

    private String consumerTag;
    private boolean cancelled;

    private RabbitMqSubscription(Channel channel, RabbitMqBrokerSettings settings, String topic, BrokerHandler handler,
            SubscribeOptions options) {
        this.channel = channel;
        this.settings = settings;
        this.topic = topic;
        this.handler = handler;
        this.options = options;
    }

    /** Declares the queue as go-micro does, binds it to {@code topic} and starts consuming. */
    static RabbitMqSubscription start(Connection connection, RabbitMqBrokerSettings settings, String topic,
            BrokerHandler handler, SubscribeOptions options) throws IOException {
        Channel channel = connection.createChannel();
        try {
            channel.basicQos(settings.prefetchCount());
            channel.confirmSelect();
            String queue = options.durable()
                    ? channel.queueDeclare(options.queue(), true, false, false, null).getQueue()
                    : channel.queueDeclare(options.queue(), false, false, true, null).getQueue();
            channel.queueBind(queue, settings.exchange(), topic);
            RabbitMqSubscription subscription = new RabbitMqSubscription(channel, settings, topic, handler, options);
            subscription.consumerTag = channel.basicConsume(queue, false, subscription.new Deliveries());
            return subscription;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public SubscribeOptions options() {
        return options;
    }

    /** Cancels the consumer, waits (bounded) for the message being handled, and closes the channel. */
    @Override
    public synchronized void unsubscribe() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        try {
            channel.basicCancel(consumerTag);
        } catch (IOException | ShutdownSignalException e) {
            log.debug("Broker [rabbitmq] cancelling the consumer of topic {}: {}", topic, e.toString());
        }
        long deadline = System.nanoTime() + UNSUBSCRIBE_TIMEOUT.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closeQuietly(channel);
    }

    private void handle(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        inFlight.incrementAndGet();
        try {
            BrokerMessage message = message(envelope, properties, body);
            long tag = envelope.getDeliveryTag();
            BrokerEvent event = new BrokerEvent(envelope.getRoutingKey(), message, () -> acknowledge(tag, message));
            String key = failureKey(envelope, properties, message);
            try {
                handler.handle(event).block();
                if (options.autoAck()) {
                    event.ack();
                }
                failures.remove(key);
            } catch (UnreadableMessageException e) {
                failures.remove(key);
                deadLetter(event, envelope, properties, e.getMessage());
            } catch (RuntimeException e) {
                afterFailure(event, key, envelope, properties, e);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void afterFailure(BrokerEvent event, String key, Envelope envelope, AMQP.BasicProperties properties,
            RuntimeException error) {
        String id = event.message().id();
        if (event.acknowledged()) {
            failures.remove(key);
            log.error("Subscriber of topic {} failed on message {} after acknowledging it: {}", topic, id, error.toString());
            return;
        }
        int failed = failures.merge(key, 1, Integer::sum);
        if (failed > settings.requeueLimit()) {
            failures.remove(key);
            deadLetter(event, envelope, properties, "the subscriber failed " + failed + " times, last with " + error);
            return;
        }
        log.warn("Subscriber of topic {} failed on message {} (requeue {} of {}): {}", topic, id, failed,
                settings.requeueLimit(), error.toString());
        requeue(envelope.getDeliveryTag(), id);
    }

    private void deadLetter(BrokerEvent event, Envelope envelope, AMQP.BasicProperties properties, String reason) {
        Map<String, Object> headers = new HashMap<>(properties.getHeaders() == null ? Map.of() : properties.getHeaders());
        headers.put(ERROR_HEADER, reason);
        AMQP.BasicProperties copy = properties.builder().headers(headers).deliveryMode(2).build();
        String id = event.message().id();
        try {
            channel.basicPublish(settings.deadLetterExchange(), envelope.getRoutingKey(), false, copy, event.message().body());
            channel.waitForConfirmsOrDie(DEAD_LETTER_CONFIRM_MILLIS);
            event.ack();
            log.error("Dead-lettered message {} of topic {} to exchange {}: {}", id, topic, settings.deadLetterExchange(),
                    reason);
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            log.error("Cannot dead-letter message {} of topic {} ({}): {}; it is requeued", id, topic, reason, e.toString());
            requeue(envelope.getDeliveryTag(), id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requeue(envelope.getDeliveryTag(), id);
        }
    }

    private void acknowledge(long tag, BrokerMessage message) {
        try {
            channel.basicAck(tag, false);
        } catch (IOException | ShutdownSignalException e) {
            log.warn("Cannot acknowledge message {} of topic {}: {}; RabbitMQ will deliver it again", message.id(), topic,
                    e.toString());
        }
    }

    private void requeue(long tag, String id) {
        try {
            channel.basicNack(tag, false, true);
        } catch (IOException | ShutdownSignalException e) {
            log.warn("Cannot requeue message {} of topic {}: {}; RabbitMQ redelivers it when the channel closes", id, topic,
                    e.toString());
        }
    }

    private static BrokerMessage message(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        Metadata.Builder headers = Metadata.builder();
        if (properties.getHeaders() != null) {
            properties.getHeaders().forEach((key, value) -> headers.put(key, String.valueOf(value)));
        }
        // go-micro does not depend on Micro-Topic either: the routing key is the topic
        headers.putIfAbsent(BrokerMessage.TOPIC_HEADER, envelope.getRoutingKey());
        return new BrokerMessage(headers.build(), body);
    }

    private static String failureKey(Envelope envelope, AMQP.BasicProperties properties, BrokerMessage message) {
        if (!message.id().isEmpty()) {
            return message.id();
        }
        if (properties.getMessageId() != null) {
            return properties.getMessageId();
        }
        return envelope.getRoutingKey() + ":" + Arrays.hashCode(message.body());
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            log.debug("Broker [rabbitmq] closing a channel: {}", e.toString());
        }
    }

    /** Hands each delivery to the subscription, on the connection's consumer threads. */
    private final class Deliveries extends DefaultConsumer {

        Deliveries() {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            handle(envelope, properties, body);
        }
    }
}
