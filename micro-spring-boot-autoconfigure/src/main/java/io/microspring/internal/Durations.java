package io.microspring.internal;

import java.time.Duration;

/** The check every duration setting shares: positive, with a message naming the setting. Not API. */
public final class Durations {

    private Durations() {
    }

    /** Whether {@code value} is longer than zero. */
    public static boolean isPositive(Duration value) {
        return value != null && !value.isZero() && !value.isNegative();
    }

    /**
     * {@code value}, when it is positive.
     *
     * @param name the setting's name, as the user wrote it ({@code micro.consul.timeout}, {@code requestTimeout})
     * @throws IllegalArgumentException naming the setting and the value otherwise
     */
    public static Duration requirePositive(Duration value, String name) {
        if (!isPositive(value)) {
            throw new IllegalArgumentException(name + " must be a positive duration, such as 5s, got " + value);
        }
        return value;
    }
}
