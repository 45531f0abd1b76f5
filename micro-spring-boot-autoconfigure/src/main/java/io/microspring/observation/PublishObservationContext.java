package io.microspring.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import io.microspring.metadata.Metadata;

/** A message being published, observed: a tracer writes its headers into the message's headers. */
public final class PublishObservationContext extends SenderContext<Metadata.Builder> {

    private final String topic;
    private Outcome outcome = Outcome.SUCCESS;

    /** A message to {@code topic} whose headers are being built in {@code headers}. */
    public PublishObservationContext(String topic, Metadata.Builder headers) {
        super((carrier, key, value) -> carrier.put(key, value), Kind.PRODUCER);
        this.topic = topic;
        setCarrier(headers);
    }

    public String topic() {
        return topic;
    }

    /** How the publish ended; success until told otherwise. */
    public Outcome outcome() {
        return outcome;
    }

    void outcome(Outcome outcome) {
        this.outcome = outcome;
    }
}
