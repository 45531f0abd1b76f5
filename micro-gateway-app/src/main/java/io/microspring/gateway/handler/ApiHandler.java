package io.microspring.gateway.handler;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
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
 *
 * <p>Requests come through WebFlux or, ahead of it, from {@link NettyRoutes}: both as an
 * {@link ApiCall}, so that the mapping both ways is this one.
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
        ServerHttpResponse response = exchange.getResponse();
        return call(ApiCall.of(exchange.getRequest()), Exchanges.body(exchange, maxBodySize), service, endpoint,
                response.getHeaders())
                .flatMap(answer -> {
                    response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
                    return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
                });
    }

    /**
     * Calls {@code endpoint} of {@code service} with {@code call} and its {@code body} as an
     * {@code api.Request}; the {@code api.Response}'s headers, and the Content-Type and
     * Content-Length of its body, are added to {@code responseHeaders}, its status and body are the
     * answer.
     */
    Mono<Answer> call(ApiCall call, Mono<byte[]> body, String service, String endpoint,
            HttpHeaders responseHeaders) {
        CallOptions.Builder options = CallOptions.builder()
                .contentType(ProtobufCodec.CONTENT_TYPE)
                .metadata(Exchanges.metadata(call.headers()));
        if (Exchanges.isIdempotent(call.method())) {
            options.retryPolicy(IDEMPOTENT);
        }
        return body
                .map(bytes -> toRequest(call, bytes))
                .flatMap(request -> client.call(service, endpoint, request, Response.class, options.build()))
                .map(response -> answer(response, service, responseHeaders));
    }

    /** The body limit of api requests. */
    BodyLimit maxBodySize() {
        return maxBodySize;
    }

    /** The api.Request of an HTTP request, as micro's {@code requestToProto} fills it. */
    static Request toRequest(ApiCall http, byte[] body) {
        String rawQuery = http.rawQuery();
        Request.Builder request = Request.newBuilder()
                .setMethod(http.method())
                .setPath(http.path())
                .setUrl(http.rawPath() + (rawQuery == null ? "" : "?" + rawQuery));
        http.headers().forEach((name, values) -> {
            String key = canonical(name);
            request.putHeader(key, Pair.newBuilder().setKey(key).addAllValues(values).build());
        });
        MediaType contentType = http.headers().getContentType();
        if (contentType == null) {
            request.putHeader("Content-Type", pair("Content-Type", List.of("text/plain; charset=UTF-8")));
        }
        request.putHeader("Host", pair("Host", List.of(String.valueOf(http.headers().getFirst(HttpHeaders.HOST)))));
        Exchanges.forwardedFor(http.headers(), http.remoteAddress()).ifPresent(forwarded ->
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

    /** The answer of {@code response} of {@code service}, its headers added to {@code headers}. */
    private static Answer answer(Response response, String service, HttpHeaders headers) {
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        if (status < 100 || status > 599) {
            throw MicroException.internalServerError(Exchanges.API_ID,
                    "the api.Response of %s has status code %d, which is not an HTTP status", service, status);
        }
        Predicate<String> passedOn = Exchanges.passedOn(headers);
        for (Map.Entry<String, Pair> header : response.getHeaderMap().entrySet()) {
            String name = header.getValue().getKey().isEmpty() ? header.getKey() : header.getValue().getKey();
            if (passedOn.test(name) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                header.getValue().getValuesList().forEach(value -> headers.add(name, value));
            }
        }
        if (!headers.containsHeader(HttpHeaders.CONTENT_TYPE)) {
            headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        byte[] body = response.getBody().getBytes(StandardCharsets.UTF_8);
        headers.setContentLength(body.length);
        return new Answer(status, body);
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

    /**
     * What an api call is answered with, besides the headers already added.
     *
     * @param status the HTTP status
     * @param body the body
     */
    record Answer(int status, byte[] body) {
    }
}
