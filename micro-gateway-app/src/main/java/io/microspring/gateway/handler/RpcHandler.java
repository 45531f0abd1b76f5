package io.microspring.gateway.handler;

import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.codec.Codecs;
import io.microspring.codec.bytes.BytesCodec;
import io.microspring.codec.json.JsonCodec;
import io.microspring.codec.proto.ProtobufCodec;
import io.microspring.gateway.route.EndpointMetadata;
import io.microspring.registry.Registry;
import reactor.core.publisher.Mono;

/**
 * micro's rpc handler: the HTTP body goes straight to the endpoint and the endpoint's response
 * straight back, in the request's content type. Protobuf bodies ({@code application/protobuf},
 * {@code application/proto}, {@code application/x-protobuf}) and raw bytes
 * ({@code application/octet-stream}) pass as they are; anything else is JSON, with query
 * parameters and path variables merged in ({@link RpcPayload}). An empty response is a 204.
 */
public final class RpcHandler {

    private final MicroClient client;
    private final BodyLimit maxBodySize;
    private final StreamBridge streams;

    /** Calling through {@code client}; {@code registry} tells which endpoints are streams. */
    public RpcHandler(MicroClient client, BodyLimit maxBodySize, Registry registry) {
        this(client, maxBodySize, EndpointMetadata.of(registry));
    }

    /** Calling through {@code client}; {@code endpoints} (the gateway's service index) tells which endpoints are streams. */
    public RpcHandler(MicroClient client, BodyLimit maxBodySize, EndpointMetadata endpoints) {
        this.client = client;
        this.maxBodySize = maxBodySize;
        this.streams = new StreamBridge(client, endpoints);
    }

    /**
     * Calls {@code endpoint} of {@code service} with the request's body; a websocket, or a
     * {@code GET} accepting server-sent events, to a streaming endpoint opens a stream instead
     * ({@link StreamBridge}).
     */
    public Mono<Void> handle(ServerWebExchange exchange, String service, String endpoint,
            Map<String, String> pathVariables) {
        if (StreamBridge.wantsStream(exchange.getRequest())) {
            return streams.serve(exchange, service, endpoint, pathVariables,
                    () -> call(exchange, service, endpoint, pathVariables));
        }
        return call(exchange, service, endpoint, pathVariables);
    }

    private Mono<Void> call(ServerWebExchange exchange, String service, String endpoint,
            Map<String, String> pathVariables) {
        new Destination("rpc", service, endpoint).recordOn(exchange);
        ServerHttpRequest request = exchange.getRequest();
        return call(request.getMethod().name(), request.getHeaders(), request.getURI().getRawQuery(),
                Exchanges.body(exchange, maxBodySize), service, endpoint, pathVariables)
                .flatMap(answer -> answer.isEmpty() ? noContent(exchange)
                        : Exchanges.write(exchange, 200, answer.contentType(), answer.body()));
    }

    /**
     * The answer of {@code endpoint} of {@code service} to a unary request {@code method} with
     * {@code headers}, query {@code rawQuery} and {@code body}.
     */
    Mono<RpcAnswer> call(String method, HttpHeaders headers, String rawQuery, Mono<byte[]> body, String service,
            String endpoint, Map<String, String> pathVariables) {
        String requestType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        String codec = codecOf(requestType);
        String responseType = codec.equals(JsonCodec.CONTENT_TYPE)
                && (requestType == null || !requestType.toLowerCase(Locale.ROOT).contains("json"))
                ? JsonCodec.CONTENT_TYPE : requestType;
        CallOptions options = CallOptions.builder()
                .contentType(codec)
                .metadata(Exchanges.metadata(headers))
                .build();
        return body
                .map(bytes -> codec.equals(JsonCodec.CONTENT_TYPE)
                        ? RpcPayload.json(method, rawQuery, pathVariables, bytes) : bytes)
                .flatMap(payload -> client.call(service, endpoint, payload, byte[].class, options))
                .map(response -> new RpcAnswer(responseType, response));
    }

    /** The body limit of rpc requests. */
    BodyLimit maxBodySize() {
        return maxBodySize;
    }

    private static Mono<Void> noContent(ServerWebExchange exchange) {
        exchange.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
        return exchange.getResponse().setComplete();
    }

    private static String codecOf(String contentType) {
        String type = contentType == null ? JsonCodec.CONTENT_TYPE : Codecs.normalize(contentType);
        return type.equals(ProtobufCodec.CONTENT_TYPE) || type.equals(BytesCodec.CONTENT_TYPE) ? type
                : JsonCodec.CONTENT_TYPE;
    }
}
