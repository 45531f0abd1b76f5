package io.microspring.observation;

/**
 * Names and tags of {@value #NAME}, one per attempt: service, endpoint, code, outcome and retry,
 * the service and endpoint bounded to the first {@code limit} distinct values, each set of tags made
 * once. Extend it to add tags.
 */
public class ClientCallConvention extends CallConvention<ClientCallObservationContext> {

    /** The name of the observation and of its timer. */
    public static final String NAME = "micro.client.requests";

    /** Keeping at most {@code limit} distinct services and endpoints. */
    public ClientCallConvention(int limit) {
        super(NAME, ClientCallObservationContext.class, limit);
    }

    @Override
    int retry(ClientCallObservationContext context) {
        return context.retry();
    }
}
