package io.microspring.observation;

/**
 * Names and tags of {@value #NAME}: service, endpoint, code and outcome, the service and endpoint
 * bounded to the first {@code limit} distinct values. Extend it to add tags.
 */
public class ServerCallConvention extends CallConvention<ServerCallObservationContext> {

    /** The name of the observation and of its timer. */
    public static final String NAME = "micro.server.requests";

    /** Keeping at most {@code limit} distinct services and endpoints. */
    public ServerCallConvention(int limit) {
        super(NAME, ServerCallObservationContext.class, limit);
    }
}
