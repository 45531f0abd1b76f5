package io.microspring.transport;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a listener does with each received message: answers it with exactly one message. A
 * message opening a stream ({@code Micro-Stream}) is served by {@link #stream} instead.
 */
@FunctionalInterface
public interface TransportHandler {

    /** The answer to {@code request}; application errors are answers too (a {@code Micro-Error} header). */
    Mono<TransportMessage> handle(TransportMessage request);

    /**
     * Serves a stream: {@code opening} is the message that opened it, {@code inbound} the caller's
     * later messages in order, read as fast as the returned flux demands them. The result is every
     * message to send back, in order, each written as the caller's connection accepts it; the
     * transport cancels it when the caller goes away. By default streams are refused.
     */
    default Flux<TransportMessage> stream(TransportMessage opening, Flux<TransportMessage> inbound) {
        return Flux.error(new UnsupportedOperationException("this listener serves no streams"));
    }
}
