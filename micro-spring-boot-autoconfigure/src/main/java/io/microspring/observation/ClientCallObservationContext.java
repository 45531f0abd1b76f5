package io.microspring.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import io.microspring.metadata.Metadata;

/**
 * One attempt of a client call, observed: a tracer writes its headers into the metadata being
 * built for the attempt.
 */
public final class ClientCallObservationContext extends SenderContext<Metadata.Builder> implements ObservedCall {

    private final String service;
    private final String endpoint;
    private final int retry;
    private Outcome outcome = Outcome.SUCCESS;

    /** Attempt {@code retry} (0 for the first) of a call of {@code endpoint} of {@code service}. */
    public ClientCallObservationContext(String service, String endpoint, int retry, Metadata.Builder metadata) {
        super((carrier, key, value) -> carrier.put(key, value), Kind.CLIENT);
        this.service = service;
        this.endpoint = endpoint;
        this.retry = retry;
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

    /** Which attempt this is: 0 for the first, 1 for the first retry. */
    public int retry() {
        return retry;
    }

    /** How the attempt ended; success until told otherwise. */
    @Override
    public Outcome outcome() {
        return outcome;
    }

    void outcome(Outcome outcome) {
        this.outcome = outcome;
    }
}
