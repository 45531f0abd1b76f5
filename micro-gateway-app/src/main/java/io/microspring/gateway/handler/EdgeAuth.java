package io.microspring.gateway.handler;

import java.util.Map;

import org.springframework.http.HttpHeaders;

import io.microspring.auth.Authorizer;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Registry;
import io.microspring.registry.Service;
import reactor.core.publisher.Mono;

/**
 * Auth at the edge: before a request is served, its bearer token is checked as the service
 * itself would ({@link Authorizer}, {@code micro.auth.*} of the gateway, plus the endpoint's
 * registered {@code auth} metadata), and refused with go-micro's 401 or 403 JSON. The token itself
 * travels on with the request's other headers, so the service checks it again.
 */
public final class EdgeAuth {

    private static final EdgeAuth OPEN = new EdgeAuth(null, null);

    private final Authorizer authorizer;
    private final Registry registry;

    /** Checking with {@code authorizer}; endpoint metadata comes from {@code registry} (the cached one). */
    public EdgeAuth(Authorizer authorizer, Registry registry) {
        this.authorizer = authorizer;
        this.registry = registry;
    }

    /** No checks at the edge: the services decide alone. */
    public static EdgeAuth open() {
        return OPEN;
    }

    /**
     * Completes when a request with {@code headers} may reach {@code resource} of {@code service}
     * (an endpoint, or for proxied and event requests the path), else fails with a 401 or 403.
     */
    public Mono<Void> check(HttpHeaders headers, String service, String resource) {
        if (authorizer == null) {
            return Mono.empty();
        }
        return endpointMetadata(service, resource)
                .flatMap(metadata -> authorizer.authorize(Exchanges.API_ID, Exchanges.metadata(headers), resource,
                        metadata))
                .then();
    }

    private Mono<Map<String, String>> endpointMetadata(String service, String endpoint) {
        if (service.isEmpty() || endpoint.startsWith("/")) {
            return Mono.just(Map.of());
        }
        return registry.lookup(service)
                .map(versions -> versions.stream()
                        .map(Service::endpoints)
                        .flatMap(endpoints -> endpoints.stream().filter(candidate -> candidate.name().equals(endpoint)))
                        .map(Endpoint::metadata)
                        .findFirst()
                        .orElse(Map.of()))
                .onErrorReturn(Map.of());
    }
}
