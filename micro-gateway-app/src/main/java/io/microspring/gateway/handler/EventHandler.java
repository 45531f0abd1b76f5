package io.microspring.gateway.handler;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.api.Event;
import io.microspring.api.Pair;
import io.microspring.broker.Publisher;
import io.microspring.gateway.route.Namespace;
import io.microspring.gateway.route.PathResolver;
import io.microspring.gateway.route.RequestPath;
import io.microspring.metadata.Metadata;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * micro's event handler: {@code POST /<topic>/<name>} publishes an {@code api.Event} (name, id,
 * timestamp, the request's headers, and the body as data; for GET the query as JSON) to topic
 * {@code <namespace>.<topic>} through the broker, with the request's headers as metadata, and
 * answers an empty 200 once the broker took it.
 */
public final class EventHandler {

    private final Publisher publisher;
    private final Namespace namespace;
    private final BodyLimit maxBodySize;

    public EventHandler(Publisher publisher, Namespace namespace, BodyLimit maxBodySize) {
        this.publisher = publisher;
        this.namespace = namespace;
        this.maxBodySize = maxBodySize;
    }

    /** Publishes the request as an event named by {@code path}. */
    public Mono<Void> handle(ServerWebExchange exchange, RequestPath path) {
        PathResolver.EventTarget target = PathResolver.event(path);
        String topic = target.topic().isEmpty() ? namespace.name() : namespace.join(target.topic());
        new Destination("event", topic, target.name()).recordOn(exchange);
        ServerHttpRequest request = exchange.getRequest();
        Metadata metadata = Exchanges.metadata(request.getHeaders());
        return Exchanges.body(exchange, maxBodySize)
                .map(body -> event(request, topic, target.name(), body))
                .flatMap(event -> publisher.publish(topic, event).contextWrite(metadata::into))
                .then(Mono.defer(() -> {
                    exchange.getResponse().setStatusCode(HttpStatus.OK);
                    return exchange.getResponse().setComplete();
                }));
    }

    private static Event event(ServerHttpRequest request, String topic, String name, byte[] body) {
        Event.Builder event = Event.newBuilder()
                .setName(name)
                .setId(topic + "-" + name + "-" + UUID.randomUUID())
                .setTimestamp(Instant.now().getEpochSecond());
        request.getHeaders().forEach((key, values) ->
                event.putHeader(key, Pair.newBuilder().setKey(key).addAllValues(values).build()));
        if (HttpMethod.GET.equals(request.getMethod())) {
            event.setData(JsonMapper.shared().writeValueAsString(Exchanges.form(request.getURI().getRawQuery())));
        } else {
            event.setData(new String(body, StandardCharsets.UTF_8));
        }
        return event.build();
    }
}
