package io.microspring.transport;

import reactor.core.publisher.Mono;

/** What a listener does with each received message: answers it with exactly one message. */
@FunctionalInterface
public interface TransportHandler {

    /** The answer to {@code request}; application errors are answers too (a {@code Micro-Error} header). */
    Mono<TransportMessage> handle(TransportMessage request);
}
