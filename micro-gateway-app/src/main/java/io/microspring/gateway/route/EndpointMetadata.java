package io.microspring.gateway.route;

import java.util.Map;

import io.microspring.registry.Endpoint;
import io.microspring.registry.Registry;
import reactor.core.publisher.Mono;

/** Where the metadata an endpoint was registered with ({@code stream}, {@code auth} ...) is read. */
@FunctionalInterface
public interface EndpointMetadata {

    /** The metadata of {@code endpoint} of {@code service} (its first version that has it), empty when unknown. */
    Mono<Map<String, String>> lookup(String service, String endpoint);

    /** Looked up in {@code registry} (the cached one) on each request. */
    static EndpointMetadata of(Registry registry) {
        return (service, endpoint) -> registry.lookup(service)
                .map(versions -> versions.stream()
                        .flatMap(version -> version.endpoints().stream())
                        .filter(candidate -> candidate.name().equals(endpoint))
                        .map(Endpoint::metadata)
                        .findFirst()
                        .orElse(Map.of()));
    }
}
