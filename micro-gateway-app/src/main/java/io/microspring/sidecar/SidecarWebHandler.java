package io.microspring.sidecar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import io.microspring.errors.MicroException;
import io.microspring.gateway.handler.Exchanges;
import io.microspring.gateway.handler.ProxyHandler;
import io.microspring.gateway.handler.RpcEndpoint;
import io.microspring.gateway.handler.RpcHandler;
import io.microspring.gateway.route.Namespace;
import io.microspring.gateway.route.PathResolver;
import io.microspring.gateway.route.RequestPath;
import io.microspring.registry.Registry;
import io.microspring.sidecar.SidecarProperties.HandlerType;
import reactor.core.publisher.Mono;

/**
 * Where every sidecar request enters: {@code /rpc}, {@code /registry}, {@code /broker} and
 * {@code /health} are served by their endpoints; any other path names a service of the namespace
 * and is served as the gateway serves it, by the rpc handler ({@code /greeter/say/hello} calls
 * {@code Say.Hello} of {@code go.micro.srv.greeter}) or with {@code micro.sidecar.handler=proxy} by
 * the reverse proxy. Every failure becomes go-micro's error JSON with its code as the HTTP status.
 */
final class SidecarWebHandler implements WebHandler {

    /** The id of errors the sidecar itself answers with. */
    static final String ID = "go.micro.sidecar";

    /** How long {@code GET /health} waits for the app's health check. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    private final HandlerType mode;
    private final Namespace namespace;
    private final Registry registry;
    private final Endpoints endpoints;
    private final RpcHandler rpc;
    private final ProxyHandler proxy;

    SidecarWebHandler(HandlerType mode, Namespace namespace, Registry registry, Endpoints endpoints, RpcHandler rpc,
            ProxyHandler proxy) {
        this.mode = mode;
        this.namespace = namespace;
        this.registry = registry;
        this.endpoints = endpoints;
        this.rpc = rpc;
        this.proxy = proxy;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        return Exchanges.answeringErrors(exchange, () -> serve(exchange));
    }

    private Mono<Void> serve(ServerWebExchange exchange) {
        String rawPath = exchange.getRequest().getPath().pathWithinApplication().value();
        return switch (rawPath) {
            case "/rpc" -> endpoints.rpc().handle(exchange);
            case "/registry" -> endpoints.registry().handle(exchange);
            case "/broker" -> endpoints.broker().handle(exchange);
            case "/health" -> health(exchange);
            default -> service(exchange, RequestPath.parse(rawPath));
        };
    }

    private Mono<Void> service(ServerWebExchange exchange, RequestPath path) {
        if (mode == HandlerType.PROXY) {
            String service = namespace.join(PathResolver.proxy(path).orElseThrow(() -> noService(path)));
            return known(service, path).then(Mono.defer(() -> proxy.handle(exchange, service, path)));
        }
        PathResolver.RpcTarget target = PathResolver.rpc(path).orElseThrow(() -> noService(path));
        String service = namespace.join(target.service());
        return known(service, path).then(Mono.defer(() -> rpc.handle(exchange, service, target.endpoint(),
                Map.of())));
    }

    private Mono<Void> known(String service, RequestPath path) {
        return registry.lookup(service).flatMap(versions -> versions.isEmpty()
                ? Mono.error(MicroException.notFound(ID, "path %s resolves to service %s, which is not registered "
                        + "(namespace %s)", path, service, namespace))
                : Mono.empty());
    }

    /** The app's health check, answered as the app answered it; without one, the sidecar is up. */
    private Mono<Void> health(ServerWebExchange exchange) {
        if (!HttpMethod.GET.equals(exchange.getRequest().getMethod())) {
            return Mono.error(MicroException.methodNotAllowed(ID, "/health takes GET, not %s",
                    exchange.getRequest().getMethod()));
        }
        AppHealth health = endpoints.health();
        if (!health.isConfigured()) {
            return Exchanges.write(exchange, 200, "application/json", "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
        }
        return health.check(HEALTH_TIMEOUT)
                .onErrorMap(error -> MicroException.serviceUnavailable(ID, "the app does not answer its health "
                        + "check (%s)", error.getClass().getSimpleName()))
                .flatMap(answer -> Exchanges.write(exchange, answer.status(), answer.contentType(), answer.body()));
    }

    private static MicroException noService(RequestPath path) {
        return MicroException.notFound(ID, "no service for path %s: call /<service>/<handler>/<method>, for example "
                + "/greeter/say/hello", path);
    }

    /**
     * The sidecar's own endpoints.
     *
     * @param rpc {@code POST /rpc}
     * @param registry {@code /registry}
     * @param broker {@code /broker}
     * @param health the app's health check, behind {@code GET /health}
     */
    record Endpoints(RpcEndpoint rpc, RegistryEndpoint registry, BrokerEndpoint broker, AppHealth health) {
    }
}
