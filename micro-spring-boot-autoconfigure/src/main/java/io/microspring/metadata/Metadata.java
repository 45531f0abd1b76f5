package io.microspring.metadata;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Request metadata: string keys, read case-insensitively as HTTP headers are, and string values.
 * A caller's metadata travels as headers and reaches the handler; inside a handler it is in the
 * Reactor context under this class, so downstream calls made there carry it on.
 *
 * <p>Immutable: {@link #with} returns a copy.
 */
public final class Metadata {

    private static final Metadata EMPTY = new Metadata(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

    private final Map<String, String> entries;

    private Metadata(Map<String, String> entries) {
        this.entries = entries;
    }

    /** No entries. */
    public static Metadata empty() {
        return EMPTY;
    }

    /** A copy of {@code map}. */
    public static Metadata of(Map<String, String> map) {
        if (map.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(map);
        return new Metadata(copy);
    }

    /** Alternating keys and values. */
    public static Metadata of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keysAndValues must alternate keys and values, got an odd count");
        }
        TreeMap<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Metadata(map);
    }

    /**
     * Wraps {@code caseInsensitive}, whose lookups must already ignore letter case (such as a view
     * of received HTTP headers), without copying it. The map must not change afterwards.
     */
    public static Metadata view(Map<String, String> caseInsensitive) {
        return new Metadata(caseInsensitive);
    }

    /** A builder collecting entries without copying them again. */
    public static Builder builder() {
        return new Builder();
    }

    /** The metadata of the current call in a Reactor context, empty when there is none. */
    public static Metadata from(ContextView context) {
        return context.getOrDefault(Metadata.class, EMPTY);
    }

    /** {@code context} carrying this metadata for the calls made within it. */
    public Context into(Context context) {
        return context.put(Metadata.class, this);
    }

    /** The value of {@code key}, in any letter case. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** A copy with {@code key} set to {@code value}. */
    public Metadata with(String key, String value) {
        TreeMap<String, String> copy = copy();
        copy.put(key, value);
        return new Metadata(copy);
    }

    /** A copy with every entry of {@code other} added, its values winning. */
    public Metadata merge(Metadata other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        TreeMap<String, String> copy = copy();
        copy.putAll(other.entries);
        return new Metadata(copy);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A read-only, case-insensitive view. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(entries);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Metadata metadata && copy().equals(metadata.copy());
    }

    @Override
    public int hashCode() {
        return copy().hashCode();
    }

    private TreeMap<String, String> copy() {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(entries);
        return copy;
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    /** Collects entries for a {@link Metadata}; the first value of a key wins unless {@link #put} replaces it. */
    public static final class Builder {

        private TreeMap<String, String> entries = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        private Builder() {
        }

        /** Sets {@code key} to {@code value}, replacing an earlier value. */
        public Builder put(String key, String value) {
            entries.put(key, value);
            return this;
        }

        /** Sets {@code key} to {@code value} unless it is set already. */
        public Builder putIfAbsent(String key, String value) {
            entries.putIfAbsent(key, value);
            return this;
        }

        /** The metadata; the builder must not be used afterwards. */
        public Metadata build() {
            Metadata metadata = entries.isEmpty() ? EMPTY : new Metadata(entries);
            entries = null;
            return metadata;
        }
    }
}
