package io.microspring.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The pause before a retry. */
@FunctionalInterface
public interface Backoff {

    /** The pause before retry number {@code attempt} (1 for the first retry). */
    Duration delay(int attempt);

    /**
     * Exponential backoff with jitter: the n-th retry waits between half and all of
     * {@code base × 2^(n-1)}, capped at {@code max}.
     */
    static Backoff exponential(Duration base, Duration max) {
        if (base.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("backoff durations must not be negative");
        }
        return attempt -> {
            long ceiling = Math.min(max.toNanos(), base.toNanos() << Math.min(attempt - 1, 30));
            long half = ceiling / 2;
            return Duration.ofNanos(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
        };
    }

    /** No pause. */
    static Backoff none() {
        return attempt -> Duration.ZERO;
    }
}
