package io.microspring.client;

import io.microspring.errors.MicroException;
import io.microspring.transport.TransportException;

/** Decides whether a failed attempt is tried again (on another node when the selector has one). */
@FunctionalInterface
public interface RetryPolicy {

    /** Whether to retry after {@code error}. */
    boolean shouldRetry(Throwable error);

    /**
     * The default: retry only what provably was not processed (the connection was refused, no
     * connection came from the pool, the node answered that it is shutting down) and go-micro's
     * 408. A request that may have reached a handler is never sent twice.
     */
    static RetryPolicy unprocessedOnly() {
        return error -> {
            if (error instanceof TransportException transport) {
                return transport.unprocessed();
            }
            if (error instanceof MicroException micro) {
                return micro.code() == 408 || (micro.code() == 503 && "go.micro.server".equals(micro.id()));
            }
            return false;
        };
    }

    /**
     * What the default retries plus an exchange that failed after the request was sent (the
     * connection broke before the answer): for idempotent calls, which the client and the gateway
     * use for endpoints registered {@code idempotent=true} and for {@code GET} and {@code HEAD}.
     */
    static RetryPolicy idempotent() {
        RetryPolicy unprocessed = unprocessedOnly();
        return error -> error instanceof TransportException || unprocessed.shouldRetry(error);
    }

    /** Retry every failure, as go-micro's {@code RetryAlways}: only for idempotent endpoints. */
    static RetryPolicy always() {
        return error -> true;
    }
}
