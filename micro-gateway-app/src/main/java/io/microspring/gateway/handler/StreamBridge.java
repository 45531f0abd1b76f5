package io.microspring.gateway.handler;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.codec.json.JsonCodec;
import io.microspring.errors.MicroException;
import io.microspring.gateway.route.EndpointMetadata;
import io.microspring.server.EndpointMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streams through the gateway, which go-micro's own api never offered: a websocket request, or a
 * {@code GET} accepting {@code text/event-stream}, to an endpoint registered with
 * {@code stream: "true"} opens a stream to it, in JSON both ways.
 *
 * <p>Websocket: each text frame from the client is one request message, each message of the
 * stream goes back as one text frame. A close on either side ends the other; a stream that fails
 * sends go-micro's error JSON as its last frame before the close.
 *
 * <p>Server-sent events: the request is built from the query as for any {@code GET}; each message
 * is one event, a failure is an event named {@code error} carrying go-micro's error JSON. A client
 * that disconnects ends the stream.
 */
final class StreamBridge {

    private static final String ERROR_EVENT = "error";

    private final MicroClient client;
    private final EndpointMetadata endpoints;
    private final WebSocketService upgrades = new HandshakeWebSocketService();

    StreamBridge(MicroClient client, EndpointMetadata endpoints) {
        this.client = client;
        this.endpoints = endpoints;
    }

    /** Whether the request asks for a stream: a websocket upgrade, or a {@code GET} accepting events. */
    static boolean wantsStream(ServerHttpRequest request) {
        return WebSocketProxy.isUpgrade(request) || acceptsEvents(request);
    }

    /**
     * Serves the request as a stream when the endpoint is one; otherwise with {@code unary}, or,
     * for a websocket, with a 400 saying that the endpoint is not a stream.
     */
    Mono<Void> serve(ServerWebExchange exchange, String service, String endpoint, Map<String, String> pathVariables,
            Supplier<Mono<Void>> unary) {
        ServerHttpRequest request = exchange.getRequest();
        boolean websocket = WebSocketProxy.isUpgrade(request);
        return isStream(service, endpoint).flatMap(stream -> {
            if (!stream) {
                return websocket ? Mono.error(MicroException.badRequest(Exchanges.API_ID, "%s of %s is not a "
                        + "streaming endpoint: a websocket opens a stream", endpoint, service)) : unary.get();
            }
            new Destination("stream", service, endpoint).recordOn(exchange);
            CallOptions options = CallOptions.builder().contentType(JsonCodec.CONTENT_TYPE)
                    .metadata(Exchanges.metadata(request.getHeaders())).build();
            if (websocket) {
                return upgrades.handleRequest(exchange, session -> bridge(session, service, endpoint, options));
            }
            byte[] payload = RpcPayload.json(HttpMethod.GET.name(), request.getURI().getRawQuery(), pathVariables,
                    new byte[0]);
            return events(exchange.getResponse(), client.stream(service, endpoint, Mono.just(payload), byte[].class,
                    options));
        });
    }

    private Mono<Void> bridge(WebSocketSession session, String service, String endpoint, CallOptions options) {
        // a stream that ends must not cancel the session's receiving, which would close the
        // websocket before the last messages are written: the stream reads through a publisher
        // that stays connected (and stops asking for frames once no one reads them)
        Flux<byte[]> requests = session.receive()
                .filter(message -> message.getType() == WebSocketMessage.Type.TEXT)
                .map(message -> message.getPayloadAsText().getBytes(StandardCharsets.UTF_8))
                .publish().autoConnect();
        Flux<WebSocketMessage> responses = client.stream(service, endpoint, requests, byte[].class, options)
                .map(body -> session.textMessage(text(body)))
                .onErrorResume(error -> Mono.just(session.textMessage(toMicroException(error).toJson())))
                .takeUntilOther(session.closeStatus());
        return session.send(responses); // the session closes once the handler has sent everything
    }

    private static Mono<Void> events(ServerHttpResponse response, Flux<byte[]> messages) {
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl("no-cache");
        Flux<DataBuffer> events = messages.map(body -> event(response, null, text(body)))
                .onErrorResume(error -> Mono.just(event(response, ERROR_EVENT, toMicroException(error).toJson())));
        return response.writeAndFlushWith(events.map(Mono::just));
    }

    /** One server-sent event: an optional name, then the text as data lines, then a blank line. */
    private static DataBuffer event(ServerHttpResponse response, String name, String text) {
        StringBuilder event = new StringBuilder();
        if (name != null) {
            event.append("event: ").append(name).append('\n');
        }
        for (String line : text.split("\n", -1)) {
            event.append("data: ").append(line).append('\n');
        }
        event.append('\n');
        return response.bufferFactory().wrap(event.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Mono<Boolean> isStream(String service, String endpoint) {
        return endpoints.lookup(service, endpoint)
                .map(metadata -> "true".equals(metadata.get(EndpointMethod.STREAM_METADATA)));
    }

    private static boolean acceptsEvents(ServerHttpRequest request) {
        return HttpMethod.GET.equals(request.getMethod())
                && request.getHeaders().getOrEmpty(HttpHeaders.ACCEPT).stream()
                        .anyMatch(accept -> accept.toLowerCase(Locale.ROOT).contains(MediaType.TEXT_EVENT_STREAM_VALUE));
    }

    /** JSON as text, without the newline Go's encoder ends it with. */
    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8).stripTrailing();
    }

    private static MicroException toMicroException(Throwable error) {
        return error instanceof MicroException micro ? micro
                : MicroException.internalServerError(Exchanges.API_ID, "the stream failed: %s", error.getMessage());
    }
}
