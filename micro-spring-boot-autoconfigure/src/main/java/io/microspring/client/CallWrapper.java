package io.microspring.client;

import reactor.core.publisher.Mono;

/** Middleware around every client call, as go-micro's call wrappers. The first added runs outermost. */
@FunctionalInterface
public interface CallWrapper {

    /** Performs the call, usually by calling {@code next}. */
    Mono<Object> wrap(ClientCall call, Next next);

    /** The rest of the chain, ending in the transport. */
    @FunctionalInterface
    interface Next {

        /** Continues the call. */
        Mono<Object> proceed(ClientCall call);
    }
}
