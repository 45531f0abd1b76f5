package io.microspring.registry;

import java.util.Map;

/** A callable endpoint ({@code Say.Hello}) with the shape of its request and response. */
public record Endpoint(String name, Value request, Value response, Map<String, String> metadata) {

    public Endpoint {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
