package io.microspring.sidecar;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.broker.Broker;
import io.microspring.broker.BrokerMessage;
import io.microspring.broker.SubscribeOptions;
import io.microspring.broker.Subscription;
import io.microspring.errors.MicroException;
import io.microspring.gateway.handler.BodyLimit;
import io.microspring.gateway.handler.Exchanges;
import io.microspring.metadata.Metadata;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /broker}, micro sidecar's pub/sub through the broker ({@code micro.broker}):
 * <ul>
 * <li>{@code POST ?topic=T} publishes the body, with the request's headers as message headers
 * (its {@code Content-Type}, {@code application/json} when it has none), and answers an empty 200
 * once the broker took it;</li>
 * <li>{@code GET ?topic=T[&queue=Q]} as a websocket subscribes (in queue group {@code Q}): each
 * message arrives as a text frame {@code {"header":{...},"body":...}}, the body as JSON when it is
 * JSON, else its bytes in base64; each frame the client sends is published to the topic, text
 * frames as {@code application/json}, binary ones as {@code application/octet-stream}.</li>
 * </ul>
 */
final class BrokerEndpoint {

    private static final Logger log = LoggerFactory.getLogger(BrokerEndpoint.class);
    private static final JsonMapper MAPPER = JsonMapper.shared();
    private static final String JSON = "application/json";

    private final Broker broker;
    private final BodyLimit maxBodySize;
    private final WebSocketService upgrades = new HandshakeWebSocketService();
    private final OpenWebSockets sockets;

    BrokerEndpoint(Broker broker, BodyLimit maxBodySize, OpenWebSockets sockets) {
        this.broker = broker;
        this.sockets = sockets;
        this.maxBodySize = maxBodySize;
    }

    Mono<Void> handle(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String topic = query(request, "topic");
        if (topic.isEmpty()) {
            return Mono.error(MicroException.badRequest(SidecarWebHandler.ID, "topic is missing: /broker?topic=T"));
        }
        HttpMethod method = request.getMethod();
        if (HttpMethod.GET.equals(method) && "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())) {
            String queue = query(request, "queue");
            Metadata.Builder headers = Metadata.builder();
            Exchanges.metadata(request.getHeaders()).asMap().forEach((name, value) -> {
                if (!name.regionMatches(true, 0, "Sec-WebSocket-", 0, 14)) {
                    headers.put(name, value);
                }
            });
            return upgrades.handleRequest(exchange, session -> sockets.serve(session,
                    subscribe(session, topic, queue, headers.build())));
        }
        if (HttpMethod.POST.equals(method)) {
            String contentType = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
            return Exchanges.body(exchange, maxBodySize)
                    .flatMap(body -> broker.publish(topic, message(topic, Exchanges.metadata(request.getHeaders()),
                            contentType == null ? JSON : contentType, body)))
                    .then(Mono.defer(() -> {
                        exchange.getResponse().setStatusCode(HttpStatus.OK);
                        return exchange.getResponse().setComplete();
                    }));
        }
        return Mono.error(MicroException.methodNotAllowed(SidecarWebHandler.ID,
                "/broker takes POST to publish or a websocket GET to subscribe, not %s", method));
    }

    /** Delivers the topic's messages to the client and publishes the client's frames, until it closes. */
    private Mono<Void> subscribe(WebSocketSession session, String topic, String queue, Metadata headers) {
        SubscribeOptions options = queue.isEmpty() ? SubscribeOptions.broadcast() : SubscribeOptions.queue(queue);
        Flux<String> messages = Flux.<String>create(sink -> {
            Subscription subscription = broker.subscribe(topic, event -> {
                sink.next(frame(event.message()));
                return Mono.empty();
            }, options);
            sink.onDispose(() -> Schedulers.boundedElastic().schedule(subscription::unsubscribe));
        }, FluxSink.OverflowStrategy.BUFFER).subscribeOn(Schedulers.boundedElastic());
        // the client's frames are published in order; once it closes, those in flight still go out
        Sinks.Empty<Void> closed = Sinks.empty();
        Mono<Void> published = session.receive()
                .map(frame -> message(topic, headers, frame.getType() == WebSocketMessage.Type.BINARY
                        ? "application/octet-stream" : JSON, bytes(frame.getPayload())))
                .concatMap(message -> broker.publish(topic, message).onErrorResume(error -> {
                    log.warn("Publishing a websocket frame to topic {} failed: {}", topic, error.toString());
                    return Mono.empty();
                }))
                .then()
                .doFinally(signal -> closed.tryEmitEmpty());
        Mono<Void> delivered = session.send(messages.takeUntilOther(closed.asMono()).map(session::textMessage))
                .onErrorResume(error -> {
                    log.warn("Subscription to topic {} for a websocket failed: {}", topic, error.toString());
                    return session.close(CloseStatus.SERVER_ERROR.withReason("subscribing to " + topic + " failed"));
                });
        return Mono.when(published, delivered);
    }

    private BrokerMessage message(String topic, Metadata headers, String contentType, byte[] body) {
        if (body.length > maxBodySize.bytes()) {
            throw maxBodySize.tooLarge(body.length);
        }
        return new BrokerMessage(headers
                .with(BrokerMessage.CONTENT_TYPE_HEADER, contentType)
                .with(BrokerMessage.TOPIC_HEADER, topic)
                .with(BrokerMessage.ID_HEADER, UUID.randomUUID().toString()), body);
    }

    /** {@code {"header":{...},"body":...}}: the body as JSON when it is JSON, else base64. */
    private static String frame(BrokerMessage message) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("header", message.headers().asMap());
        frame.put("body", body(message));
        return MAPPER.writeValueAsString(frame);
    }

    private static Object body(BrokerMessage message) {
        String type = message.headers().get(BrokerMessage.CONTENT_TYPE_HEADER).orElse(JSON);
        if (type.contains("json") && message.body().length > 0) {
            try {
                JsonNode json = MAPPER.readTree(message.body());
                if (json != null) {
                    return json;
                }
            } catch (JacksonException notJson) {
                // sent as base64 below
            }
        }
        return Base64.getEncoder().encodeToString(message.body());
    }

    private static byte[] bytes(DataBuffer payload) {
        byte[] bytes = new byte[payload.readableByteCount()];
        payload.read(bytes);
        return bytes;
    }

    private static String query(ServerHttpRequest request, String name) {
        String value = request.getQueryParams().getFirst(name);
        return value == null ? "" : value.strip();
    }
}
