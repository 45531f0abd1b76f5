package io.microspring.server;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Middleware around every handler call, as go-micro's handler wrappers: logging, auth, metrics.
 * Wrappers run in the order they were added, the first outermost. As in go-micro, they see the
 * streams a server serves too, through {@link #wrapStream}, which lets a stream pass unless
 * overridden.
 */
@FunctionalInterface
public interface HandlerWrapper {

    /** Handles the call, usually by calling {@code next} with the same or a changed request. */
    Mono<Object> wrap(CallContext context, Object request, Next next);

    /**
     * Serves a stream, opening to end, usually by calling {@code next}: {@code requests} are the
     * caller's messages, decoded, and the result the handler's; a stream interrupted by the
     * caller's deadline or the server's stop ends with that error. By default the stream passes.
     */
    default Flux<Object> wrapStream(CallContext context, Flux<Object> requests, StreamNext next) {
        return next.proceed(context, requests);
    }

    /** The rest of the chain, ending in the handler method. */
    @FunctionalInterface
    interface Next {

        /** Continues the call. */
        Mono<Object> proceed(CallContext context, Object request);
    }

    /** The rest of a stream's chain, ending in the handler method. */
    @FunctionalInterface
    interface StreamNext {

        /** Continues the stream. */
        Flux<Object> proceed(CallContext context, Flux<Object> requests);
    }
}
