package io.microspring.observation;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tag values with a bound: the first {@code limit} distinct values pass as they are, any other
 * becomes {@value #OTHER}, so that a caller naming endless services or endpoints cannot grow the
 * number of meters without end.
 */
public final class BoundedValues {

    /** What a value past the limit is recorded as. */
    public static final String OTHER = "other";
    /** How many distinct values of one tag are kept by default. */
    public static final int DEFAULT_LIMIT = 100;

    private final int limit;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** Keeping at most {@code limit} distinct values. */
    public BoundedValues(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    /** {@code value} when it was seen before or there is room for it, else {@value #OTHER}. */
    public String of(String value) {
        if (seen.contains(value)) {
            return value;
        }
        synchronized (seen) {
            if (seen.size() < limit) {
                seen.add(value);
                return value;
            }
        }
        return seen.contains(value) ? value : OTHER;
    }
}
