package io.microspring.gateway.handler;

import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;

import io.microspring.auth.Authorizer;
import io.microspring.gateway.route.EndpointMetadata;
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
    private final EndpointMetadata endpoints;

    /** Checking with {@code authorizer}; the endpoint's metadata comes from {@code endpoints} (the service index). */
    public EdgeAuth(Authorizer authorizer, EndpointMetadata endpoints) {
        this.authorizer = authorizer;
        this.endpoints = endpoints;
    }

    /** No checks at the edge: the services decide alone. */
    public static EdgeAuth open() {
        return OPEN;
    }

    /**
     * {@code serve} once a request with {@code headers} is admitted to {@code resource} of
     * {@code service} (an endpoint, or for proxied and event requests the path), else fails with a
     * 401 or 403; at once, without a check, when there is no authorizer.
     */
    public <T> Mono<T> admit(HttpHeaders headers, String service, String resource, Supplier<Mono<T>> serve) {
        if (authorizer == null) {
            return serve.get();
        }
        return check(headers, service, resource).then(Mono.defer(serve));
    }

    private Mono<Void> check(HttpHeaders headers, String service, String resource) {
        return endpointMetadata(service, resource)
                .flatMap(metadata -> authorizer.authorize(Exchanges.API_ID, Exchanges.metadata(headers), resource,
                        metadata))
                .then();
    }

    private Mono<Map<String, String>> endpointMetadata(String service, String endpoint) {
        if (service.isEmpty() || endpoint.startsWith("/")) {
            return Mono.just(Map.of());
        }
        return endpoints.lookup(service, endpoint).onErrorReturn(Map.of());
    }
}
