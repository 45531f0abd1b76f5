package io.microspring.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.microspring.metadata.Metadata;

/** A call a server handles, observed: trace headers are read from the caller's metadata. */
public final class ServerCallObservationContext extends ReceiverContext<Metadata> implements ObservedCall {

    private final String service;
    private final String endpoint;
    private Outcome outcome = Outcome.SUCCESS;

    /** The call of {@code endpoint} of {@code service} that arrived with {@code metadata}. */
    public ServerCallObservationContext(String service, String endpoint, Metadata metadata) {
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

    /** How the call ended; success until told otherwise. */
    @Override
    public Outcome outcome() {
        return outcome;
    }

    void outcome(Outcome outcome) {
        this.outcome = outcome;
    }
}
