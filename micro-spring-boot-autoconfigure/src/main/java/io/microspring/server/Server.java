package io.microspring.server;

import io.microspring.broker.Subscriber;
import io.microspring.registry.Service;

/**
 * Serves the endpoints of one service and keeps its node registered, as go-micro's server. It
 * registers only once its port is bound, re-registers every interval with the register TTL, and
 * stops gracefully: deregister, stop accepting calls, drain calls in flight, close.
 */
public interface Server {

    /** Adds the endpoints of {@code handler}; only before {@link #start()}. */
    void handle(Handler handler);

    /** Adds a subscriber, subscribed on start, unsubscribed on stop and registered as an endpoint; only before {@link #start()}. */
    void subscribe(Subscriber subscriber);

    /** Binds the transport, registers the node and starts the heartbeat. */
    void start();

    /** Deregisters, stops accepting calls, waits for calls in flight (bounded), then closes. */
    void stop();

    /** The service as registered, with this node and its endpoints; empty of nodes before {@link #start()}. */
    Service service();

    /** Whether the server is started and not yet stopped. */
    boolean isRunning();
}
