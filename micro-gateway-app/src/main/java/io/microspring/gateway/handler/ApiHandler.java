package io.microspring.gateway.handler;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.api.Pair;
import io.microspring.api.Request;
import io.microspring.api.Response;
import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.client.RetryPolicy;
import io.microspring.codec.proto.ProtobufCodec;
import io.microspring.errors.MicroException;
import reactor.core.publisher.Mono;

/**
 * micro's api handler: the HTTP request goes to the endpoint as an {@code api.Request} (method,
 * path, url, body, and header, get and post as maps of {@code Pair}), and the {@code api.Response}
 * it returns (statusCode, header, body) becomes the HTTP response. The call is encoded as protobuf,
 * as micro's api handler encodes it (go-micro's client default); api services read both codecs.
 * {@code GET} and {@code HEAD} are idempotent: one whose connection broke after it was sent is
 * tried again on another node.
 */
public final class ApiHandler {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final RetryPolicy IDEMPOTENT = RetryPolicy.idempotent();

    private final MicroClient client;
    private final BodyLimit maxBodySize;

    public ApiHandler(MicroClient client, BodyLimit maxBodySize) {
        this.client = client;
        this.maxBodySize = maxBodySize;
    }

    /** Calls {@code endpoint} of {@code service} with the request as an {@code api.Request}. */
    public Mono<Void> handle(ServerWebExchange exchange, String service, String endpoint) {
        new Destination("api", service, endpoint).recordOn(exchange);
        CallOptions.Builder options = CallOptions.builder()
                .contentType(ProtobufCodec.CONTENT_TYPE)
                .metadata(Exchanges.metadata(exchange.getRequest().getHeaders()));
        if (Exchanges.isIdempotent(exchange.getRequest())) {
            options.retryPolicy(IDEMPOTENT);
        }
        return Exchanges.body(exchange, maxBodySize)
                .map(body -> toRequest(exchange.getRequest(), body))
                .flatMap(request -> client.call(service, endpoint, request, Response.class, options.build()))
                .flatMap(response -> write(exchange, response));
    }

    /** The api.Request of an HTTP request, as micro's {@code requestToProto} fills it. */
    static Request toRequest(ServerHttpRequest http, byte[] body) {
        String rawQuery = http.getURI().getRawQuery();
        Request.Builder request = Request.newBuilder()
                .setMethod(http.getMethod().name())
                .setPath(http.getURI().getPath())
                .setUrl(http.getURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery));
        http.getHeaders().forEach((name, values) -> {
            String key = canonical(name);
            request.putHeader(key, Pair.newBuilder().setKey(key).addAllValues(values).build());
        });
        MediaType contentType = http.getHeaders().getContentType();
        if (contentType == null) {
            request.putHeader("Content-Type", pair("Content-Type", List.of("text/plain; charset=UTF-8")));
        }
        request.putHeader("Host", pair("Host", List.of(String.valueOf(http.getHeaders().getFirst(HttpHeaders.HOST)))));
        Exchanges.forwardedFor(http).ifPresent(forwarded ->
                request.putHeader("X-Forwarded-For", pair("X-Forwarded-For", List.of(forwarded))));
        Exchanges.form(rawQuery).forEach((key, values) -> request.putGet(key, pair(key, values)));
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType != null && FORM.equals(contentType.getType() + "/" + contentType.getSubtype())) {
            Exchanges.form(text).forEach((key, values) -> request.putPost(key, pair(key, values)));
        } else {
            request.setBody(text);
        }
        return request.build();
    }

    private static Mono<Void> write(ServerWebExchange exchange, Response response) {
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        if (status < 100 || status > 599) {
            return Mono.error(MicroException.internalServerError(Exchanges.API_ID,
                    "the api.Response of %s has status code %d, which is not an HTTP status",
                    Destination.of(exchange).map(Destination::service).orElse("the service"), status));
        }
        ServerHttpResponse http = exchange.getResponse();
        http.setStatusCode(HttpStatusCode.valueOf(status));
        Predicate<String> passedOn = Exchanges.passedOn(http.getHeaders());
        for (Map.Entry<String, Pair> header : response.getHeaderMap().entrySet()) {
            String name = header.getValue().getKey().isEmpty() ? header.getKey() : header.getValue().getKey();
            if (passedOn.test(name) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                header.getValue().getValuesList().forEach(value -> http.getHeaders().add(name, value));
            }
        }
        if (!http.getHeaders().containsHeader(HttpHeaders.CONTENT_TYPE)) {
            http.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        byte[] body = response.getBody().getBytes(StandardCharsets.UTF_8);
        http.getHeaders().setContentLength(body.length);
        return http.writeWith(Mono.just(http.bufferFactory().wrap(body)));
    }

    private static Pair pair(String key, List<String> values) {
        return Pair.newBuilder().setKey(key).addAllValues(values).build();
    }

    /** A header name as Go's net/http spells it: {@code content-type} gives {@code Content-Type}. */
    private static String canonical(String name) {
        StringBuilder canonical = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            canonical.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return canonical.toString();
    }
}
