package io.microspring.server;

import reactor.core.publisher.Mono;

/**
 * Middleware around every handler call, as go-micro's handler wrappers: logging, auth, metrics.
 * Wrappers run in the order they were added, the first outermost.
 */
@FunctionalInterface
public interface HandlerWrapper {

    /** Handles the call, usually by calling {@code next} with the same or a changed request. */
    Mono<Object> wrap(CallContext context, Object request, Next next);

    /** The rest of the chain, ending in the handler method. */
    @FunctionalInterface
    interface Next {

        /** Continues the call. */
        Mono<Object> proceed(CallContext context, Object request);
    }
}
