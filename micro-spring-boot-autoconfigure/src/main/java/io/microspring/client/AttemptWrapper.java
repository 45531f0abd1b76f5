package io.microspring.client;

import reactor.core.publisher.Mono;

/**
 * Middleware around each attempt of a call, the first and every retry, inside the call's retries
 * and deadline: where metrics and tracing record one attempt each. A {@link CallWrapper} sees the
 * whole call once instead. The first added runs outermost.
 */
@FunctionalInterface
public interface AttemptWrapper {

    /**
     * Performs attempt {@code retry} (0 for the first) of {@code call}, usually by calling
     * {@code next}, possibly with more metadata.
     */
    Mono<Object> wrap(ClientCall call, int retry, CallWrapper.Next next);
}
