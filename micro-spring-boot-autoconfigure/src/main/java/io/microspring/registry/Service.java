package io.microspring.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A named, versioned service with its endpoints and nodes; JSON field names are go-micro's.
 */
public record Service(String name, String version, Map<String, String> metadata, List<Endpoint> endpoints,
        List<Node> nodes) {

    public Service {
        version = version == null ? "" : version;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** This service holding only {@code nodes}. */
    public Service withNodes(List<Node> nodes) {
        return new Service(name, version, metadata, endpoints, nodes);
    }

    /** This service with {@code node} added or replacing the node of the same id. */
    public Service withNode(Node node) {
        List<Node> merged = new ArrayList<>(nodes.size() + 1);
        for (Node existing : nodes) {
            if (!existing.id().equals(node.id())) {
                merged.add(existing);
            }
        }
        merged.add(node);
        return withNodes(merged);
    }
}
