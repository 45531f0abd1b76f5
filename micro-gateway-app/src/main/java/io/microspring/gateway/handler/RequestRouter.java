package io.microspring.gateway.handler;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.microspring.errors.MicroException;
import io.microspring.gateway.GatewayProperties.HandlerType;
import io.microspring.gateway.route.MetaRoute;
import io.microspring.gateway.route.Namespace;
import io.microspring.gateway.route.PathResolver;
import io.microspring.gateway.route.RequestPath;
import io.microspring.gateway.route.ServiceIndex;

/**
 * Where a request goes, and with which handler: the one {@code micro.api.handler} names, or under
 * meta a route an endpoint declares, else the path resolved as micro does with the handler its
 * endpoint declares. Decided from the request line, the host and the index as it is now, without
 * waiting for anything.
 */
final class RequestRouter {

    private final HandlerType mode;
    private final Namespace namespace;
    private final ServiceIndex index;

    RequestRouter(HandlerType mode, Namespace namespace, ServiceIndex index) {
        this.mode = mode;
        this.namespace = namespace;
        this.index = index;
    }

    /**
     * The target of a request {@code method} to {@code host} and {@code path}; fails with a 404
     * {@link MicroException} when the path names no service.
     */
    Target target(String method, String host, RequestPath path) {
        return switch (mode) {
            case META -> meta(method, host, path);
            case API, RPC -> resolved(path).with(mode.name().toLowerCase(Locale.ROOT));
            case HTTP, PROXY, WEB -> proxied(path);
            case EVENT -> new Target("event", "", "", Map.of(), false);
        };
    }

    /** A route an endpoint declares, else the path resolved as micro does with the handler its endpoint declares. */
    private Target meta(String method, String host, RequestPath path) {
        Optional<ServiceIndex.Match> declared = index.route(method, host, path);
        if (declared.isPresent()) {
            MetaRoute route = declared.get().route();
            return new Target(route.handler(), route.service(), route.endpoint(), declared.get().variables(), false);
        }
        Target target = resolved(path);
        return target.with(index.handlerOf(target.service(), target.endpoint()));
    }

    /** The service (in the namespace) and endpoint the path names; whether the registry knows it is checked apart. */
    private Target resolved(RequestPath path) {
        PathResolver.RpcTarget target = PathResolver.rpc(path).orElseThrow(() -> MicroException.notFound(
                Exchanges.API_ID, "no service for path /: call /<service>/<handler>/<method>, for example "
                        + "/greeter/say/hello"));
        return new Target(ServiceIndex.DEFAULT_HANDLER, namespace.join(target.service()), target.endpoint(), Map.of(),
                true);
    }

    private Target proxied(RequestPath path) {
        String service = namespace.join(PathResolver.proxy(path).orElseThrow(() -> MicroException.notFound(
                Exchanges.API_ID, "no service for path /: the first segment of the path names the service")));
        return new Target("http", service, "", Map.of(), true);
    }

    /**
     * A resolved request: the handler that serves it, the service and endpoint, the path variables
     * of a declared route, and whether the service must be known to the registry (a path resolved
     * to it) or is known already (a route its endpoint declares) or not needed (events).
     */
    record Target(String handler, String service, String endpoint, Map<String, String> variables,
            boolean mustBeKnown) {

        Target with(String otherHandler) {
            return new Target(otherHandler, service, endpoint, variables, mustBeKnown);
        }

        /** What {@link EdgeAuth} admits the request to: the endpoint, or {@code path} when there is none. */
        String resource(RequestPath path) {
            return endpoint.isEmpty() ? path.raw() : endpoint;
        }

        /** Whether the http (proxy) handler serves it: named {@code http}, {@code proxy} or {@code web}. */
        boolean isProxy() {
            return switch (handler) {
                case "http", "proxy", "web" -> true;
                default -> false;
            };
        }

        /** Whether the api handler serves it. */
        boolean isApi() {
            return handler.equals("api");
        }

        /** Whether the rpc handler serves it. */
        boolean isRpc() {
            return handler.equals(ServiceIndex.DEFAULT_HANDLER);
        }
    }
}
