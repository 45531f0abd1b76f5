package io.microspring.observation;

/** The names of the tags that micro observations carry, written once. */
public final class MicroTags {

    /** The service called or serving. */
    public static final String SERVICE = "service";
    /** The endpoint called, {@code Say.Hello}. */
    public static final String ENDPOINT = "endpoint";
    /** The go-micro error code, or {@value Outcome#NO_CODE}. */
    public static final String CODE = "code";
    /** {@code SUCCESS}, {@code CLIENT_ERROR} or {@code SERVER_ERROR}. */
    public static final String OUTCOME = "outcome";
    /** Which attempt of a client call: 0 for the first, 1 for the first retry. */
    public static final String RETRY = "retry";
    /** The topic of a message. */
    public static final String TOPIC = "topic";
    /** The queue of a subscriber, empty for a broadcast subscriber. */
    public static final String QUEUE = "queue";
    /** Which way the messages of a stream went: {@value #SENT} or {@value #RECEIVED}. */
    public static final String DIRECTION = "direction";
    /** The direction of the messages a side sent. */
    public static final String SENT = "sent";
    /** The direction of the messages a side received. */
    public static final String RECEIVED = "received";
    /** The messages a side of a stream sent (a span attribute, not a meter tag). */
    public static final String MESSAGES_SENT = "messages.sent";
    /** The messages a side of a stream received (a span attribute, not a meter tag). */
    public static final String MESSAGES_RECEIVED = "messages.received";

    private MicroTags() {
    }
}
