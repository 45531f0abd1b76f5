package io.microspring.registry;

import java.util.Map;

/** One running instance of a service: its id, its {@code host:port} and its metadata. */
public record Node(String id, String address, Map<String, String> metadata) {

    public Node {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
