package io.microspring.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.microspring.metadata.Metadata;

/**
 * A stream a server serves, observed from its opening to its end: trace headers are read from the
 * metadata of the caller's opening message; the caller's messages count as received, the
 * handler's as sent.
 */
public final class ServerStreamObservationContext extends ReceiverContext<Metadata> implements ObservedStream {

    private final String service;
    private final String endpoint;
    private final MessageCounts messages = new MessageCounts();
    private Outcome outcome = Outcome.SUCCESS;

    /** The stream to {@code endpoint} of {@code service} that was opened with {@code metadata}. */
    public ServerStreamObservationContext(String service, String endpoint, Metadata metadata) {
        super((carrier, key) -> carrier.get(key).orElse(null), Kind.SERVER);
        this.service = service;
        this.endpoint = endpoint;
        setCarrier(metadata);
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
