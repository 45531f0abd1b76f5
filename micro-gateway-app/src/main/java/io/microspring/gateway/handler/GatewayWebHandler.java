package io.microspring.gateway.handler;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import io.microspring.errors.MicroException;
import io.microspring.gateway.GatewayProperties.HandlerType;
import io.microspring.gateway.route.InvalidPathException;
import io.microspring.gateway.route.Namespace;
import io.microspring.gateway.route.PathResolver;
import io.microspring.gateway.route.RequestPath;
import io.microspring.gateway.route.ServiceIndex;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Service;
import io.microspring.registry.cache.CachingRegistry;
import reactor.core.publisher.Mono;

/**
 * Where every gateway request enters: {@code POST /rpc}, or the path resolved in the namespace and
 * served by the handler {@code micro.api.handler} names. The default, meta, first tries the routes
 * endpoints declare ({@code path}, {@code method}, {@code host}), then resolves the path as micro
 * does and serves it with the handler the endpoint declares ({@code rpc} when none).
 *
 * <p>Every failure becomes go-micro's error JSON with its code as the HTTP status: an invalid
 * path 400, a path naming no service of the namespace 404.
 */
public final class GatewayWebHandler implements WebHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayWebHandler.class);

    private final HandlerType mode;
    private final Namespace namespace;
    private final ServiceIndex index;
    private final CachingRegistry registry;
    private final Optional<RpcEndpoint> rpcEndpoint;
    private final Handlers handlers;

    public GatewayWebHandler(HandlerType mode, Namespace namespace, ServiceIndex index, CachingRegistry registry,
            Optional<RpcEndpoint> rpcEndpoint, Handlers handlers) {
        this.mode = mode;
        this.namespace = namespace;
        this.index = index;
        this.registry = registry;
        this.rpcEndpoint = rpcEndpoint;
        this.handlers = handlers;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        return Mono.defer(() -> serve(exchange))
                .onErrorResume(error -> exchange.getResponse().isCommitted() ? Mono.error(error)
                        : Exchanges.error(exchange, toMicroException(error)));
    }

    private Mono<Void> serve(ServerWebExchange exchange) {
        String rawPath = exchange.getRequest().getPath().pathWithinApplication().value();
        if (rpcEndpoint.isPresent() && rawPath.equals("/rpc")) {
            return rpcEndpoint.get().handle(exchange);
        }
        RequestPath path = RequestPath.parse(rawPath);
        return switch (mode) {
            case META -> meta(exchange, path);
            case API -> resolved(path).flatMap(target ->
                    handlers.api().handle(exchange, target.service(), target.endpoint()));
            case RPC -> resolved(path).flatMap(target ->
                    handlers.rpc().handle(exchange, target.service(), target.endpoint(), Map.of()));
            case HTTP, PROXY, WEB -> proxied(exchange, path);
            case EVENT -> handlers.event().handle(exchange, path);
        };
    }

    private Mono<Void> meta(ServerWebExchange exchange, RequestPath path) {
        String method = exchange.getRequest().getMethod().name();
        String host = Optional.ofNullable(exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST)).orElse("");
        Optional<ServiceIndex.Match> declared = index.route(method, host, path);
        if (declared.isPresent()) {
            ServiceIndex.Match match = declared.get();
            return serveWith(match.route().handler(), exchange, path,
                    new Target(match.route().service(), match.route().endpoint()), match.variables());
        }
        return resolved(path).flatMap(target -> registry.lookup(target.service())
                .flatMap(services -> serveWith(declaredHandler(services, target.endpoint()), exchange, path, target,
                        Map.of())));
    }

    private Mono<Void> serveWith(String handler, ServerWebExchange exchange, RequestPath path, Target target,
            Map<String, String> variables) {
        return switch (handler) {
            case "api" -> handlers.api().handle(exchange, target.service(), target.endpoint());
            case "http", "proxy", "web" -> handlers.proxy().handle(exchange, target.service(), path);
            case "event" -> handlers.event().handle(exchange, path);
            default -> handlers.rpc().handle(exchange, target.service(), target.endpoint(), variables);
        };
    }

    /** The service (in the namespace, known to the registry) and endpoint the path names. */
    private Mono<Target> resolved(RequestPath path) {
        PathResolver.RpcTarget target = PathResolver.rpc(path).orElseThrow(() -> MicroException.notFound(
                Exchanges.API_ID, "no service for path /: call /<service>/<handler>/<method>, for example "
                        + "/greeter/say/hello"));
        String service = namespace.join(target.service());
        return known(service, path).thenReturn(new Target(service, target.endpoint()));
    }

    private Mono<Void> proxied(ServerWebExchange exchange, RequestPath path) {
        String service = namespace.join(PathResolver.proxy(path).orElseThrow(() -> MicroException.notFound(
                Exchanges.API_ID, "no service for path /: the first segment of the path names the service")));
        return known(service, path).then(handlers.proxy().handle(exchange, service, path));
    }

    private Mono<Void> known(String service, RequestPath path) {
        return index.contains(service).flatMap(known -> known ? Mono.empty()
                : Mono.error(MicroException.notFound(Exchanges.API_ID, "path %s resolves to service %s, which is "
                        + "not registered (namespace %s)", path, service, namespace)));
    }

    private static String declaredHandler(List<Service> services, String endpoint) {
        for (Service service : services) {
            for (Endpoint declared : service.endpoints()) {
                if (declared.name().equals(endpoint)) {
                    return declared.metadata().getOrDefault("handler", "rpc");
                }
            }
        }
        return "rpc";
    }

    private static MicroException toMicroException(Throwable error) {
        if (error instanceof MicroException micro) {
            return micro;
        }
        if (error instanceof InvalidPathException invalid) {
            return MicroException.badRequest(Exchanges.API_ID, invalid.getMessage());
        }
        if (error instanceof ResponseStatusException status) {
            return new MicroException(Exchanges.API_ID, status.getStatusCode().value(), status.getReason());
        }
        log.error("Request failed unexpectedly", error);
        return MicroException.internalServerError(Exchanges.API_ID, "the gateway failed unexpectedly; its log says why");
    }

    /** A resolved service and endpoint. */
    private record Target(String service, String endpoint) {
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
