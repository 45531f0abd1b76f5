package io.microspring.gateway.handler;

import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import io.microspring.errors.MicroException;
import io.microspring.gateway.GatewayProperties.HandlerType;
import io.microspring.gateway.handler.RequestRouter.Target;
import io.microspring.gateway.route.Namespace;
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

    private final Namespace namespace;
    private final ServiceIndex index;
    private final RequestRouter router;
    private final Optional<RpcEndpoint> rpcEndpoint;
    private final Handlers handlers;
    private final EdgeAuth auth;

    /** Serving with {@code handlers}; {@code auth} admits each resolved request (/rpc admits its own). */
    public GatewayWebHandler(HandlerType mode, Namespace namespace, ServiceIndex index,
            Optional<RpcEndpoint> rpcEndpoint, Handlers handlers, EdgeAuth auth) {
        this.namespace = namespace;
        this.index = index;
        this.router = new RequestRouter(mode, namespace, index);
        this.rpcEndpoint = rpcEndpoint;
        this.handlers = handlers;
        this.auth = auth;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        return Exchanges.answeringErrors(exchange, () -> serve(exchange));
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

    /** {@code target} served once {@link EdgeAuth} has admitted it. */
    private Mono<Void> admitted(Target target, ServerWebExchange exchange, RequestPath path) {
        return auth.admit(exchange.getRequest().getHeaders(), target.service(), target.resource(path),
                () -> dispatch(target, exchange, path));
    }

    private Target target(ServerWebExchange exchange, RequestPath path) {
        String host = exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST);
        return router.target(exchange.getRequest().getMethod().name(), host == null ? "" : host, path);
    }

    private Mono<Void> dispatch(Target target, ServerWebExchange exchange, RequestPath path) {
        if (target.isProxy()) {
            return handlers.proxy().handle(exchange, target.service(), path);
        }
        return switch (target.handler()) {
            case "api" -> handlers.api().handle(exchange, target.service(), target.endpoint());
            case "event" -> handlers.event().handle(exchange, path);
            default -> handlers.rpc().handle(exchange, target.service(), target.endpoint(), target.variables());
        };
    }

    private Mono<Void> known(String service, RequestPath path) {
        return index.contains(service).flatMap(known -> known ? Mono.empty()
                : Mono.error(MicroException.notFound(Exchanges.API_ID, "path %s resolves to service %s, which is "
                        + "not registered (namespace %s)", path, service, namespace)));
    }

    RequestRouter router() {
        return router;
    }

    ServiceIndex index() {
        return index;
    }

    Optional<RpcEndpoint> rpcEndpoint() {
        return rpcEndpoint;
    }

    Handlers handlers() {
        return handlers;
    }

    EdgeAuth auth() {
        return auth;
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
