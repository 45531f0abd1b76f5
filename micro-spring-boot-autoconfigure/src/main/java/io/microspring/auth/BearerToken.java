package io.microspring.auth;

import java.util.Optional;

import io.microspring.metadata.Metadata;

/**
 * How a token travels with a call, as go-micro's auth wrapper carries it: call metadata
 * {@code Authorization} (a header on the wire, read in any letter case) holding
 * {@code Bearer <token>}.
 */
public final class BearerToken {

    /** The metadata key, go-micro's {@code MetadataKeyAuthorization}. */
    public static final String METADATA_KEY = "Authorization";
    /** What precedes the token in the value, go-micro's {@code BearerPrefix}. */
    public static final String PREFIX = "Bearer ";

    private BearerToken() {
    }

    /** Call metadata carrying {@code token}. */
    public static Metadata metadata(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be empty");
        }
        return Metadata.of(METADATA_KEY, PREFIX + token.strip());
    }

    /**
     * The token the metadata carries: empty when it has no {@code Authorization}; an
     * {@link InvalidTokenException} when the value is not {@code Bearer <token>}.
     */
    public static Optional<String> from(Metadata metadata) {
        Optional<String> value = metadata.get(METADATA_KEY);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String header = value.get();
        if (!header.startsWith(PREFIX) || header.length() == PREFIX.length()) {
            throw new InvalidTokenException("expected 'Bearer <token>' in " + METADATA_KEY);
        }
        return Optional.of(header.substring(PREFIX.length()).strip());
    }
}
