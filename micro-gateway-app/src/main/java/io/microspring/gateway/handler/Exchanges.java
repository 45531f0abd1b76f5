package io.microspring.gateway.handler;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.errors.MicroException;
import io.microspring.gateway.route.InvalidPathException;
import io.microspring.metadata.Metadata;
import io.microspring.transport.MicroHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reading requests and writing responses the same way in every handler. */
public final class Exchanges {

    /** The id of errors the gateway itself answers with, as micro api's. */
    public static final String API_ID = "go.micro.api";

    private static final Logger log = LoggerFactory.getLogger(Exchanges.class);
    /** The content type of errors. */
    static final String ERROR_TYPE = "application/json";

    private static final byte[] NO_BYTES = new byte[0];

    private Exchanges() {
    }

    /**
     * The whole request body, or a 413 {@link MicroException} when it is larger than
     * {@code limit} (told by Content-Length before reading, or found while reading).
     */
    public static Mono<byte[]> body(ServerWebExchange exchange, BodyLimit limit) {
        return body(exchange.getRequest().getHeaders(), exchange.getRequest().getBody(), limit);
    }

    /**
     * The whole body {@code content} of a request with {@code headers}, limited as
     * {@link #body(ServerWebExchange, BodyLimit)}.
     */
    static Mono<byte[]> body(HttpHeaders headers, Flux<DataBuffer> content, BodyLimit limit) {
        long declared = headers.getContentLength();
        if (declared > limit.bytes()) {
            return Mono.error(limit.tooLarge(declared));
        }
        return DataBufferUtils.join(content, limit.bytes())
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .onErrorMap(DataBufferLimitException.class, e -> limit.tooLarge(-1))
                .defaultIfEmpty(NO_BYTES);
    }

    /** Answers {@code status} with {@code body} of {@code contentType} (none when {@code null}). */
    public static Mono<Void> write(ServerWebExchange exchange, int status, String contentType, byte[] body) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(status));
        if (contentType != null) {
            response.getHeaders().set(HttpHeaders.CONTENT_TYPE, contentType);
        }
        response.getHeaders().setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /**
     * {@code serving}, made when subscribed to; a failure it ends with is answered as go-micro's
     * error JSON ({@link #error}), unless the response is committed already.
     */
    public static Mono<Void> answeringErrors(ServerWebExchange exchange, Supplier<Mono<Void>> serving) {
        return Mono.defer(serving).onErrorResume(failure -> exchange.getResponse().isCommitted() ? Mono.error(failure)
                : error(exchange, toMicroException(failure)));
    }

    /**
     * Answers with go-micro's error JSON and the error's code as the HTTP status (500 when the
     * code is not an HTTP status); does nothing more once the response has started. Headers set
     * so far are dropped, but for the CORS ones, so that a browser can read the error.
     */
    public static Mono<Void> error(ServerWebExchange exchange, MicroException error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        dropHeadersForError(response.getHeaders());
        return write(exchange, statusOf(error), ERROR_TYPE, errorBody(error));
    }

    /** Drops the response {@code headers} set so far, but for the CORS ones, before an error is written. */
    static void dropHeadersForError(HttpHeaders headers) {
        List.copyOf(headers.headerNames()).stream()
                .filter(name -> !isCors(name) && !name.equalsIgnoreCase(HttpHeaders.VARY))
                .forEach(headers::remove);
    }

    /** The HTTP status {@code error} is answered with: its code, or 500 when the code is not an HTTP error status. */
    static int statusOf(MicroException error) {
        return error.code() >= 400 && error.code() <= 599 ? error.code() : 500;
    }

    /** The body {@code error} is answered with: go-micro's error JSON. */
    static byte[] errorBody(MicroException error) {
        return error.toJson().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code error} as the go-micro error the client gets: a {@link MicroException} as it is, an
     * invalid path 400, a status exception its status; anything else is logged and answered with a
     * 500 that holds no detail of it.
     */
    public static MicroException toMicroException(Throwable error) {
        if (error instanceof MicroException micro) {
            return micro;
        }
        if (error instanceof InvalidPathException invalid) {
            return MicroException.badRequest(API_ID, invalid.getMessage());
        }
        if (error instanceof ResponseStatusException status) {
            return new MicroException(API_ID, status.getStatusCode().value(), status.getReason());
        }
        log.error("Request failed unexpectedly", error);
        return MicroException.internalServerError(API_ID, "the request failed unexpectedly; the server log says why");
    }

    /**
     * Which response headers of a service are passed on to the client of {@code response}: all
     * but hop-by-hop ones, and but the Access-Control ones when the gateway has answered CORS
     * itself ({@code micro.api.cors}), as browsers refuse a second Access-Control-Allow-Origin.
     */
    public static Predicate<String> passedOn(HttpHeaders response) {
        boolean corsAnswered = response.containsHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        return name -> !MicroHeaders.isHopByHop(name) && !(corsAnswered && isCors(name));
    }

    /**
     * {@code X-Forwarded-For} as it goes on for a request with {@code headers} from {@code remote}:
     * the client's address after any the request came with; empty when the client's address is
     * not known.
     */
    static Optional<String> forwardedFor(HttpHeaders headers, InetSocketAddress remote) {
        if (remote == null || remote.getAddress() == null) {
            return Optional.empty();
        }
        List<String> prior = headers.getOrEmpty("X-Forwarded-For");
        String client = remote.getAddress().getHostAddress();
        return Optional.of(prior.isEmpty() ? client : String.join(", ", prior) + ", " + client);
    }

    /** Whether a request of {@code method} may be sent twice: {@code GET} and {@code HEAD} (RFC 9110 9.2.2, without a body). */
    static boolean isIdempotent(String method) {
        return HttpMethod.GET.name().equals(method) || HttpMethod.HEAD.name().equals(method);
    }

    private static boolean isCors(String header) {
        return header.regionMatches(true, 0, "Access-Control-", 0, 15);
    }

    /**
     * The request's headers as call metadata, as micro's handlers pass them on: every header but
     * those of HTTP and of go-micro's protocol ({@link MicroHeaders#isMetadata}); several values
     * are joined by commas.
     */
    public static Metadata metadata(HttpHeaders headers) {
        Metadata.Builder metadata = Metadata.builder();
        headers.forEach((name, values) -> {
            if (MicroHeaders.isMetadata(name)) {
                metadata.put(name, String.join(",", values));
            }
        });
        return metadata.build();
    }

    /**
     * The fields of a query string or an {@code application/x-www-form-urlencoded} body, decoded,
     * in order, each with all its values.
     */
    public static Map<String, List<String>> form(String encoded) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            fields.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
