package io.microspring.gateway.handler;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import io.microspring.errors.MicroException;
import io.microspring.gateway.GatewayProperties.HandlerType;
import io.microspring.gateway.route.MetaRoute;
import io.microspring.gateway.route.Namespace;
import io.microspring.gateway.route.PathResolver;
import io.microspring.gateway.route.RequestPath;
import io.microspring.gateway.route.ServiceIndex;
import reactor.core.publisher.Mono;

/**
 * Where every gateway request enters: {@code POST /rpc}, or the path resolved in the namespace and
 * served by the handler {@code micro.api.handler} names. The default, meta, first tries the routes
 * endpoints declare ({@code path}, {@code method}, {@code host}), then resolves the path as micro
 * does and serves it with the handler the endpoint declares ({@code rpc} when none).
 *
 * <p>Every failure becomes go-micro's error JSON with its code as the HTTP status: an invalid
 * path 400, a path naming no service of the namespace 404, a request {@link EdgeAuth} refuses 401
 * or 403.
 */
public final class GatewayWebHandler implements WebHandler {

    private final HandlerType mode;
    private final Namespace namespace;
    private final ServiceIndex index;
    private final Optional<RpcEndpoint> rpcEndpoint;
    private final Handlers handlers;
    private final EdgeAuth auth;

    /** Serving with {@code handlers}; {@code auth} admits each resolved request (/rpc admits its own). */
    public GatewayWebHandler(HandlerType mode, Namespace namespace, ServiceIndex index,
            Optional<RpcEndpoint> rpcEndpoint, Handlers handlers, EdgeAuth auth) {
        this.mode = mode;
        this.namespace = namespace;
        this.index = index;
        this.rpcEndpoint = rpcEndpoint;
        this.handlers = handlers;
        this.auth = auth;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        return Mono.defer(() -> serve(exchange))
                .onErrorResume(error -> exchange.getResponse().isCommitted() ? Mono.error(error)
                        : Exchanges.error(exchange, Exchanges.toMicroException(error)));
    }

    private Mono<Void> serve(ServerWebExchange exchange) {
        String rawPath = exchange.getRequest().getPath().pathWithinApplication().value();
        if (rpcEndpoint.isPresent() && rawPath.equals("/rpc")) {
            return rpcEndpoint.get().handle(exchange);
        }
        RequestPath path = RequestPath.parse(rawPath);
        Target target = target(exchange, path);
        if (!target.mustBeKnown() || index.knows(target.service())) {
            return admitted(target, exchange, path);
        }
        // a service the index does not know (yet): it may be refreshed first, and then tells the handler anew
        return known(target.service(), path)
                .then(Mono.defer(() -> admitted(target(exchange, path), exchange, path)));
    }

    /** {@code target} served once {@link EdgeAuth} has admitted it (at once when it admits every request). */
    private Mono<Void> admitted(Target target, ServerWebExchange exchange, RequestPath path) {
        if (auth.admitsAll()) {
            return dispatch(target, exchange, path);
        }
        return auth.check(exchange.getRequest().getHeaders(), target.service(),
                target.endpoint().isEmpty() ? path.raw() : target.endpoint())
                .then(Mono.defer(() -> dispatch(target, exchange, path)));
    }

    /**
     * Where the request goes, and with which handler: the configured one, or per endpoint under
     * meta. Decided from the path and the index as it is now, without waiting for anything.
     */
    private Target target(ServerWebExchange exchange, RequestPath path) {
        return switch (mode) {
            case META -> meta(exchange, path);
            case API, RPC -> resolved(path).with(mode.name().toLowerCase(Locale.ROOT));
            case HTTP, PROXY, WEB -> proxied(path);
            case EVENT -> new Target("event", "", "", Map.of(), false);
        };
    }

    private Mono<Void> dispatch(Target target, ServerWebExchange exchange, RequestPath path) {
        return switch (target.handler()) {
            case "api" -> handlers.api().handle(exchange, target.service(), target.endpoint());
            case "http", "proxy", "web" -> handlers.proxy().handle(exchange, target.service(), path);
            case "event" -> handlers.event().handle(exchange, path);
            default -> handlers.rpc().handle(exchange, target.service(), target.endpoint(), target.variables());
        };
    }

    /** A route an endpoint declares, else the path resolved as micro does with the handler its endpoint declares. */
    private Target meta(ServerWebExchange exchange, RequestPath path) {
        String method = exchange.getRequest().getMethod().name();
        String host = Optional.ofNullable(exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST)).orElse("");
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

    private Mono<Void> known(String service, RequestPath path) {
        return index.contains(service).flatMap(known -> known ? Mono.empty()
                : Mono.error(MicroException.notFound(Exchanges.API_ID, "path %s resolves to service %s, which is "
                        + "not registered (namespace %s)", path, service, namespace)));
    }

    /**
     * A resolved request: the handler that serves it, the service and endpoint, the path variables
     * of a declared route, and whether the service must be known to the registry (a path resolved
     * to it) or is known already (a route its endpoint declares) or not needed (events).
     */
    private record Target(String handler, String service, String endpoint, Map<String, String> variables,
            boolean mustBeKnown) {

        Target with(String otherHandler) {
            return new Target(otherHandler, service, endpoint, variables, mustBeKnown);
        }
    }

    /**
     * The handlers requests are served with.
     *
     * @param rpc the rpc handler
     * @param api the api handler
     * @param proxy the http (proxy) handler
     * @param event the event handler
     */
    public record Handlers(RpcHandler rpc, ApiHandler api, ProxyHandler proxy, EventHandler event) {
    }
}
