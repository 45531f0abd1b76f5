package io.microspring.observation;

/**
 * Names and tags of {@value #NAME}, one per stream opened, open to close (a retried opening
 * included): service, endpoint, code and outcome (bounded as for calls), and the message counts.
 * Extend it to add tags.
 */
public class ClientStreamConvention extends StreamConvention<ClientStreamObservationContext> {

    /** The name of the observation and of its timer. */
    public static final String NAME = "micro.client.streams";

    /** Keeping at most {@code limit} distinct services and endpoints. */
    public ClientStreamConvention(int limit) {
        super(NAME, ClientStreamObservationContext.class, limit);
    }
}
