package io.microspring.registry;

import java.util.Map;

/** A callable endpoint ({@code Say.Hello}) with the shape of its request and response. */
public record Endpoint(String name, Value request, Value response, Map<String, String> metadata) {

    /** The endpoint metadata key set to {@code true} on endpoints that are safe to call twice. */
    public static final String IDEMPOTENT_METADATA = "idempotent";
    /** The endpoint metadata key that says who may call the endpoint ({@code public}, ...). */
    public static final String AUTH_METADATA = "auth";

    public Endpoint {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Whether the endpoint is registered as safe to call twice ({@link #IDEMPOTENT_METADATA}). */
    public boolean idempotent() {
        return "true".equalsIgnoreCase(metadata.get(IDEMPOTENT_METADATA));
    }

    /**
     * {@code word} with its first letter in upper case, as the method part of go-micro's endpoint
     * names is (Go exports only capitalised methods): {@code hello} gives {@code Hello}.
     */
    public static String capitalise(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
