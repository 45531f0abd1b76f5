package io.microspring.sidecar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.errors.MicroException;
import io.microspring.gateway.handler.BodyLimit;
import io.microspring.gateway.handler.Exchanges;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.Service;
import io.microspring.registry.Watch;
import io.microspring.registry.internal.RegistryJson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;

/**
 * {@code /registry}, micro sidecar's view of the registry:
 * <ul>
 * <li>{@code GET} lists every service; {@code GET ?service=NAME} answers that service's versions
 * with their nodes and endpoints, 404 when it has none;</li>
 * <li>{@code GET} as a websocket is the watch ({@code ?service=NAME} for one service): one text
 * frame {@code {"action":"create|update|delete","service":{...}}} per change;</li>
 * <li>{@code POST} registers the service of the JSON body, for {@code ?ttl=10s} (default
 * {@code micro.register-ttl}): register again before it passes to stay registered;</li>
 * <li>{@code DELETE} deregisters the nodes of the service of the JSON body.</li>
 * </ul>
 */
final class RegistryEndpoint {

    private static final String JSON = "application/json";

    private final Registry registry;
    private final Duration defaultTtl;
    private final BodyLimit maxBodySize;
    private final WebSocketService upgrades = new HandshakeWebSocketService();
    private final OpenWebSockets sockets;

    RegistryEndpoint(Registry registry, Duration defaultTtl, BodyLimit maxBodySize, OpenWebSockets sockets) {
        this.registry = registry;
        this.sockets = sockets;
        this.defaultTtl = defaultTtl;
        this.maxBodySize = maxBodySize;
    }

    Mono<Void> handle(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String service = query(request, "service");
        HttpMethod method = request.getMethod();
        if (HttpMethod.GET.equals(method)) {
            if ("websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())) {
                return upgrades.handleRequest(exchange, session -> sockets.serve(session,
                        watch(session, service.isEmpty() ? null : service)));
            }
            return service.isEmpty() ? list(exchange) : get(exchange, service);
        }
        if (HttpMethod.POST.equals(method)) {
            Duration ttl = ttl(query(request, "ttl"));
            return change(exchange, entry -> registry.register(entry, ttl));
        }
        if (HttpMethod.DELETE.equals(method)) {
            return change(exchange, registry::deregister);
        }
        return Mono.error(MicroException.methodNotAllowed(SidecarWebHandler.ID,
                "/registry takes GET, POST or DELETE, not %s", method));
    }

    private Mono<Void> list(ServerWebExchange exchange) {
        return Mono.fromCallable(registry::listServices)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(services -> writeJson(exchange, services));
    }

    private Mono<Void> get(ServerWebExchange exchange, String name) {
        return registry.lookup(name).flatMap(versions -> versions.isEmpty()
                ? Mono.error(MicroException.notFound(SidecarWebHandler.ID, "service %s is not registered", name))
                : writeJson(exchange, versions));
    }

    /** Reads the service of the body and hands it to {@code change} off the event loop; answers an empty 200. */
    private Mono<Void> change(ServerWebExchange exchange, Consumer<Service> change) {
        return Exchanges.body(exchange, maxBodySize)
                .map(RegistryEndpoint::service)
                .flatMap(service -> Mono.fromRunnable(() -> change.accept(service))
                        .subscribeOn(Schedulers.boundedElastic()))
                .then(Mono.defer(() -> Exchanges.write(exchange, 200, JSON, "{}".getBytes(StandardCharsets.UTF_8))));
    }

    private static Service service(byte[] body) {
        Service service;
        try {
            service = RegistryJson.mapper().readValue(body, Service.class);
        } catch (JacksonException e) {
            throw MicroException.badRequest(SidecarWebHandler.ID, "the body must be the JSON of a go-micro service "
                    + "({\"name\":...,\"nodes\":[{\"id\":...,\"address\":\"host:port\"}]}): %s", e.getOriginalMessage());
        }
        if (service == null || service.name() == null || service.name().isBlank()) {
            throw MicroException.badRequest(SidecarWebHandler.ID, "the service has no name");
        }
        if (service.nodes().isEmpty() || service.nodes().stream()
                .anyMatch(node -> node.id() == null || node.id().isBlank() || node.address() == null)) {
            throw MicroException.badRequest(SidecarWebHandler.ID, "service %s needs nodes, each with an id and an "
                    + "address", service.name());
        }
        return service;
    }

    private Duration ttl(String text) {
        if (text.isEmpty()) {
            return defaultTtl;
        }
        try {
            Duration ttl = GoDuration.parse(text);
            if (ttl.isZero()) {
                throw new IllegalArgumentException("'" + text + "' is no time at all");
            }
            return ttl;
        } catch (IllegalArgumentException e) {
            throw MicroException.badRequest(SidecarWebHandler.ID, "ttl: %s", e.getMessage());
        }
    }

    /** Sends every change of {@code service} (every service when {@code null}) until the client closes. */
    private Mono<Void> watch(WebSocketSession session, String service) {
        Flux<String> events = Flux.<String>create(sink -> {
            Watch watch = registry.watch(service, event -> sink.next(eventJson(event)));
            sink.onDispose(() -> Schedulers.boundedElastic().schedule(watch::close));
        }, FluxSink.OverflowStrategy.BUFFER).subscribeOn(Schedulers.boundedElastic());
        return Mono.firstWithSignal(session.send(events.map(session::textMessage)), session.receive().then());
    }

    private static String eventJson(RegistryEvent event) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("action", event.type().name().toLowerCase(Locale.ROOT));
        result.put("service", event.service());
        return RegistryJson.mapper().writeValueAsString(result);
    }

    private static Mono<Void> writeJson(ServerWebExchange exchange, List<Service> services) {
        return Exchanges.write(exchange, 200, JSON, RegistryJson.mapper().writeValueAsBytes(services));
    }

    private static String query(ServerHttpRequest request, String name) {
        String value = request.getQueryParams().getFirst(name);
        return value == null ? "" : value.strip();
    }
}
