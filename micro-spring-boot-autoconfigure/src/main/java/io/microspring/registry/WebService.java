package io.microspring.registry;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The registry entry of a web service, as go-micro's {@code web} package registers one: a service
 * with one node, the {@code host:port} of an HTTP server (any web app), found by the gateway's
 * proxy handler and by {@code micro web}.
 *
 * <p>Each path (a template such as {@code /web/**}) becomes an endpoint with go-micro's API
 * metadata {@code handler=http}, so a gateway's default (meta) handler proxies those paths to the
 * service; with the gateway's {@code micro.api.handler=http}, or under {@code micro web}, no path
 * is needed.
 */
public final class WebService {

    private WebService() {
    }

    /**
     * A service {@code name} of {@code version} with one new node at {@code address} (as clients
     * reach it) carrying {@code metadata}, and an endpoint per path.
     */
    public static Service of(String name, String version, String address, Map<String, String> metadata,
            List<String> paths) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be the service name, for example go.micro.web.foo");
        }
        List<Endpoint> endpoints = paths.stream().map(WebService::proxied).toList();
        Node node = new Node(name + "-" + UUID.randomUUID(), address, metadata);
        return new Service(name, version, Map.of(), endpoints, List.of(node));
    }

    private static Endpoint proxied(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("paths must start with /, got '" + path + "'");
        }
        return new Endpoint(path, null, null, Map.of("endpoint", path, "handler", "http", "path", path));
    }
}
