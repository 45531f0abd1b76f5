package io.microspring.selector;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.microspring.registry.Service;

/** Narrows the versions and nodes a call may go to, as go-micro's selector filters do. */
@FunctionalInterface
public interface NodeFilter {

    /** The services (and nodes) of {@code services} that remain eligible. */
    List<Service> apply(List<Service> services);

    /** Only the given version of the service. */
    static NodeFilter version(String version) {
        return services -> services.stream().filter(service -> Objects.equals(service.version(), version)).toList();
    }

    /** Only versions that declare the endpoint {@code name} ({@code Say.Hello}). */
    static NodeFilter endpoint(String name) {
        return services -> services.stream()
                .filter(service -> service.endpoints().stream().anyMatch(endpoint -> endpoint.name().equals(name)))
                .toList();
    }

    /** Only nodes whose metadata has {@code key} set to {@code value}. */
    static NodeFilter label(String key, String value) {
        return services -> services.stream()
                .map(service -> service.withNodes(service.nodes().stream()
                        .filter(node -> Objects.equals(node.metadata().get(key), value))
                        .toList()))
                .filter(service -> !service.nodes().isEmpty())
                .toList();
    }

    /** Only nodes whose metadata contains every entry of {@code labels}. */
    static NodeFilter labels(Map<String, String> labels) {
        return services -> {
            List<Service> remaining = services;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                remaining = label(label.getKey(), label.getValue()).apply(remaining);
            }
            return remaining;
        };
    }
}
