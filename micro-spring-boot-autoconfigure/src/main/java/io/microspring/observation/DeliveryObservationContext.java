package io.microspring.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.microspring.metadata.Metadata;

/** A message handed to a subscriber, observed: trace headers are read from the message's headers. */
public final class DeliveryObservationContext extends ReceiverContext<Metadata> {

    private final String topic;
    private final String queue;
    private Outcome outcome = Outcome.SUCCESS;

    /** A message on {@code topic} for a subscriber of {@code queue} (empty for a broadcast subscriber). */
    public DeliveryObservationContext(String topic, String queue, Metadata headers) {
        super((carrier, key) -> carrier.get(key).orElse(null), Kind.CONSUMER);
        this.topic = topic;
        this.queue = queue;
        setCarrier(headers);
    }

    public String topic() {
        return topic;
    }

    /** The subscriber's queue, empty when every subscriber gets every message. */
    public String queue() {
        return queue;
    }

    /** How the subscriber's handling ended; success until told otherwise. */
    public Outcome outcome() {
        return outcome;
    }

    void outcome(Outcome outcome) {
        this.outcome = outcome;
    }
}
