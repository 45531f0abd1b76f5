package io.microspring.registry;

import java.util.Map;

/** A callable endpoint ({@code Say.Hello}) with the shape of its request and response. */
public record Endpoint(String name, Value request, Value response, Map<String, String> metadata) {

    public Endpoint {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /**
     * {@code word} with its first letter in upper case, as the method part of go-micro's endpoint
     * names is (Go exports only capitalised methods): {@code hello} gives {@code Hello}.
     */
    public static String capitalise(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
