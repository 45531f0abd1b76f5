package io.microspring.broker;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A message delivered to a subscription, with the topic it arrived on. With
 * {@link SubscribeOptions#withManualAck() manual acknowledgement} the handler calls {@link #ack()}
 * itself; otherwise the broker acknowledges once the handler succeeds. Brokers that do not
 * acknowledge (http, nats, memory) make {@link #ack()} a no-op.
 */
public final class BrokerEvent {

    private final String topic;
    private final BrokerMessage message;
    private final Runnable acknowledgement;
    private final AtomicBoolean acknowledged = new AtomicBoolean();

    /** An event whose {@link #ack()} runs {@code acknowledgement} once. */
    public BrokerEvent(String topic, BrokerMessage message, Runnable acknowledgement) {
        this.topic = topic;
        this.message = message;
        this.acknowledgement = acknowledgement;
    }

    /** An event of a broker that does not acknowledge. */
    public static BrokerEvent unacknowledged(String topic, BrokerMessage message) {
        return new BrokerEvent(topic, message, () -> { });
    }

    public String topic() {
        return topic;
    }

    public BrokerMessage message() {
        return message;
    }

    /** Acknowledges the message; later calls do nothing. */
    public void ack() {
        if (acknowledged.compareAndSet(false, true)) {
            acknowledgement.run();
        }
    }

    /** Whether {@link #ack()} was called. */
    public boolean acknowledged() {
        return acknowledged.get();
    }
}
