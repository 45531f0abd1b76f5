package io.microspring.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import io.microspring.metadata.Metadata;

/**
 * A stream a client opened, observed from its opening to its end: a tracer writes its headers
 * into the metadata every message of the stream carries; the requests count as sent, the
 * responses as received.
 */
public final class ClientStreamObservationContext extends SenderContext<Metadata.Builder> implements ObservedStream {

    private final String service;
    private final String endpoint;
    private final MessageCounts messages = new MessageCounts();
    private Outcome outcome = Outcome.SUCCESS;

    /** A stream to {@code endpoint} of {@code service} whose metadata is being built in {@code metadata}. */
    public ClientStreamObservationContext(String service, String endpoint, Metadata.Builder metadata) {
        super((carrier, key, value) -> carrier.put(key, value), Kind.CLIENT);
        this.service = service;
        this.endpoint = endpoint;
        setCarrier(metadata);
        setRemoteServiceName(service);
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    /** How the stream ended; success until told otherwise. */
    @Override
    public Outcome outcome() {
        return outcome;
    }

    @Override
    public long sent() {
        return messages.sent();
    }

    @Override
    public long received() {
        return messages.received();
    }

    void outcome(Outcome outcome) {
        this.outcome = outcome;
    }

    MessageCounts messages() {
        return messages;
    }
}
