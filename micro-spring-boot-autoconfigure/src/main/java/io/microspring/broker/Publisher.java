package io.microspring.broker;

import reactor.core.publisher.Mono;

/**
 * Publishes messages to topics, as go-micro's {@code client.Publish}: the message is encoded with
 * the client's content type and sent with headers {@code Content-Type}, {@code Micro-Topic} and
 * {@code Micro-ID} plus the caller's metadata (from the Reactor context, or of the call being
 * served). Inject it where a bean only publishes; the {@code MicroClient} is one.
 */
public interface Publisher {

    /** Publishes {@code message} to {@code topic}; fails when the broker could not take it. */
    Mono<Void> publish(String topic, Object message);

    /** Blocking form of {@link #publish}: not for event-loop threads. */
    default void publishBlocking(String topic, Object message) {
        publish(topic, message).block();
    }
}
