package io.microspring.broker;

/** A subscription of a handler to a topic, live until {@link #unsubscribe()}. */
public interface Subscription {

    String topic();

    SubscribeOptions options();

    /** Stops the deliveries, waiting (bounded) for messages being handled; later calls do nothing. */
    void unsubscribe();
}
