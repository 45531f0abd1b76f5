package io.microspring.observation;

/**
 * Names and tags of {@value #NAME}, one per stream served, open to close: service, endpoint, code
 * and outcome (bounded as for calls), and the message counts. Extend it to add tags.
 */
public class ServerStreamConvention extends StreamConvention<ServerStreamObservationContext> {

    /** The name of the observation and of its timer. */
    public static final String NAME = "micro.server.streams";

    /** Keeping at most {@code limit} distinct services and endpoints. */
    public ServerStreamConvention(int limit) {
        super(NAME, ServerStreamObservationContext.class, limit);
    }
}
