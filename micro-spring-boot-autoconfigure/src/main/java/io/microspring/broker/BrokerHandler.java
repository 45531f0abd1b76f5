package io.microspring.broker;

import reactor.core.publisher.Mono;

/**
 * Handles the messages of a subscription. The broker waits for the returned {@code Mono} before it
 * acknowledges (or, on brokers that redeliver, rejects) the message. An
 * {@link UnreadableMessageException} means the message can never be handled: it is dropped or
 * dead-lettered instead of being redelivered.
 */
@FunctionalInterface
public interface BrokerHandler {

    /** Handles {@code event}; runs on a broker thread or an event loop, so it must not block. */
    Mono<Void> handle(BrokerEvent event);
}
