package io.microspring.broker;

import reactor.core.publisher.Mono;

/**
 * Asynchronous messaging, as go-micro's broker: messages (headers and a body) are published to a
 * topic and delivered to its subscriptions. A subscription in a queue group shares the messages
 * with the other members of the group (each message reaches one of them); a subscription without
 * a queue is a broadcast subscriber and gets every message.
 *
 * <p>Implementations are chosen by configuration ({@code micro.broker}): http (go-micro's
 * default), nats, rabbitmq or memory. {@link #publish} never blocks an event loop (work that may
 * block moves to the broker's own thread); {@link #connect}, {@link #subscribe} and {@link #close}
 * may block on the network. Failures are reported as {@link BrokerException}.
 */
public interface Broker extends AutoCloseable {

    /** The implementation's name, written into node metadata: {@code http}, {@code nats} ... */
    String name();

    /** Where the broker listens or what it connects to. */
    String address();

    /**
     * Connects, or starts listening; does nothing when connected already. Publishing needs it on
     * nats and rabbitmq; subscribing connects by itself.
     */
    void connect();

    /**
     * Whether the broker can publish and deliver now: connected to its server, or serving. What a
     * health check reports; a broker without a connection to lose says yes.
     */
    default boolean isConnected() {
        return true;
    }

    /** Publishes {@code message} to {@code topic}; the result fails when the message could not be handed over. */
    Mono<Void> publish(String topic, BrokerMessage message);

    /** Delivers the messages of {@code topic} to {@code handler} until the subscription is ended. */
    Subscription subscribe(String topic, BrokerHandler handler, SubscribeOptions options);

    /** Ends every subscription and releases connections, servers and threads. */
    @Override
    void close();
}
