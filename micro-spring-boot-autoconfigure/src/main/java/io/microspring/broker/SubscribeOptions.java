package io.microspring.broker;

import java.util.Objects;

/**
 * How to subscribe: the queue group shared with other subscribers ({@code ""} for a broadcast
 * subscription, which gets every message), whether the broker acknowledges a message once the
 * handler succeeds, and whether the queue outlives its subscribers (RabbitMQ only).
 */
public record SubscribeOptions(String queue, boolean autoAck, boolean durable) {

    public SubscribeOptions {
        Objects.requireNonNull(queue, "queue");
        if (durable && queue.isEmpty()) {
            throw new IllegalArgumentException("a durable subscription needs a queue name: durable queues are shared by name");
        }
    }

    /** Every message to this subscriber, acknowledged once the handler succeeds. */
    public static SubscribeOptions broadcast() {
        return new SubscribeOptions("", true, false);
    }

    /** Each message to one member of queue group {@code name}, acknowledged once the handler succeeds. */
    public static SubscribeOptions queue(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("queue name must not be empty; use broadcast() for a subscriber without a queue");
        }
        return new SubscribeOptions(name, true, false);
    }

    /** These options with the handler acknowledging through {@link BrokerEvent#ack()}. */
    public SubscribeOptions withManualAck() {
        return new SubscribeOptions(queue, false, durable);
    }

    /** These options with a queue that survives its subscribers and broker restarts (RabbitMQ). */
    public SubscribeOptions withDurableQueue() {
        return new SubscribeOptions(queue, autoAck, true);
    }

    /** Whether this is a broadcast subscription, with no queue group. */
    public boolean isBroadcast() {
        return queue.isEmpty();
    }
}
