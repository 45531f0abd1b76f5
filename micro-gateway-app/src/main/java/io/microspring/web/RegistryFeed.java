package io.microspring.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.registry.Registry;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.Watch;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /registry/events}: the registry watch as server-sent events, one
 * {@code {"action":"create","service":"go.micro.srv.greeter"}} per change, so that the dashboard
 * updates its lists without a reload. A comment line every {@value #KEEP_ALIVE_SECONDS} seconds
 * keeps idle connections open through proxies.
 */
final class RegistryFeed {

    private static final long KEEP_ALIVE_SECONDS = 20;
    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final Registry registry;

    RegistryFeed(Registry registry) {
        this.registry = registry;
    }

    /** Streams the registry's changes until the client goes away. */
    Mono<Void> handle(ServerWebExchange exchange) {
        Flux<String> changes = Flux.<String>create(sink -> {
            Watch watch = registry.watch(null, event -> sink.next(eventText(event)));
            sink.onDispose(() -> Schedulers.boundedElastic().schedule(watch::close));
            // a first comment once the watch is set, so that the client knows no change is missed from then on
            sink.next(":\n\n");
        }, FluxSink.OverflowStrategy.BUFFER).subscribeOn(Schedulers.boundedElastic());
        Flux<String> keepAlive = Flux.interval(Duration.ofSeconds(KEEP_ALIVE_SECONDS)).map(tick -> ":\n\n");
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "text/event-stream;charset=utf-8");
        response.getHeaders().setCacheControl("no-cache");
        Flux<DataBuffer> events = Flux.merge(changes, keepAlive)
                .map(text -> response.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8)));
        return response.writeAndFlushWith(events.map(Mono::just));
    }

    private static String eventText(RegistryEvent event) {
        Map<String, String> change = new LinkedHashMap<>();
        change.put("action", event.type().name().toLowerCase(Locale.ROOT));
        change.put("service", event.service().name());
        return "data: " + MAPPER.writeValueAsString(change) + "\n\n";
    }
}
