package io.microspring.client;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Middleware around each attempt of a call, the first and every retry, inside the call's retries
 * and deadline: where metrics and tracing record one attempt each. A {@link CallWrapper} sees the
 * whole call once instead. A stream, whose opening alone is retried, is one attempt from its
 * opening to its end, seen by {@link #wrapStream}. The first added runs outermost.
 */
@FunctionalInterface
public interface AttemptWrapper {

    /**
     * Performs attempt {@code retry} (0 for the first) of {@code call}, usually by calling
     * {@code next}, possibly with more metadata.
     */
    Mono<Object> wrap(ClientCall call, int retry, CallWrapper.Next next);

    /**
     * Performs the stream {@code call} opens (its request is {@code null}; {@code requests} are
     * the messages to send), usually by calling {@code next}, possibly with more metadata, which
     * every message of the stream carries. The result is the responses, decoded; it fails at the
     * stream's deadline. By default the stream passes.
     */
    default Flux<Object> wrapStream(ClientCall call, Flux<Object> requests, StreamNext next) {
        return next.proceed(call, requests);
    }

    /** The rest of a stream's chain, ending in the transport. */
    @FunctionalInterface
    interface StreamNext {

        /** Continues the stream. */
        Flux<Object> proceed(ClientCall call, Flux<Object> requests);
    }
}
