package io.microspring.gateway.handler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.codec.json.JsonCodec;
import io.microspring.errors.MicroException;
import io.microspring.net.HostPort;
import io.microspring.transport.MicroHeaders;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /rpc}, micro's direct call: a JSON body or a form with {@code service},
 * {@code endpoint} (or {@code method}), {@code request} (an object, or a JSON string) and an
 * optional {@code address}; an optional {@code Timeout} header in seconds. The call goes out as
 * JSON and its result is the response; errors are go-micro's JSON with the code as the status.
 *
 * <p>With {@code micro.api.rpc.allowed-services} set, only services matching one of its patterns
 * can be called, and {@code address} (which bypasses discovery) is refused.
 */
public final class RpcEndpoint {

    /** The id of errors /rpc answers with, as micro's. */
    public static final String ID = "go.micro.rpc";

    private static final JsonMapper MAPPER = JsonMapper.shared();
    /**
     * Reads the bodies: a bare token stream (no data-binding context), its buffers kept per thread
     * (the event loops) rather than in the deque Jackson shares between all threads by default.
     */
    private static final JsonFactory BODY_READER = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build();
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    private final MicroClient client;
    private final BodyLimit maxBodySize;
    private final ServiceAllowList allowed;
    private final EdgeAuth auth;

    /**
     * /rpc calling through {@code client}; {@code allowedServices} empty allows every service, and
     * comes from property {@code allowedServicesSetting}, which refusals name.
     */
    public RpcEndpoint(MicroClient client, BodyLimit maxBodySize, List<String> allowedServices,
            String allowedServicesSetting) {
        this(client, maxBodySize, allowedServices, allowedServicesSetting, EdgeAuth.open());
    }

    /** /rpc as above, each call first admitted by {@code auth}. */
    public RpcEndpoint(MicroClient client, BodyLimit maxBodySize, List<String> allowedServices,
            String allowedServicesSetting, EdgeAuth auth) {
        this.auth = auth;
        this.client = client;
        this.maxBodySize = maxBodySize;
        this.allowed = new ServiceAllowList(allowedServices, allowedServicesSetting);
    }

    /** Serves one /rpc request. */
    public Mono<Void> handle(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        return call(request.getMethod(), request.getHeaders(), request.getURI().getRawQuery(),
                Exchanges.body(exchange, maxBodySize), destination -> destination.recordOn(exchange))
                .flatMap(response -> Exchanges.write(exchange, 200, JsonCodec.CONTENT_TYPE, response));
    }

    /**
     * The response (JSON, answered with a 200) of the /rpc request {@code method} with
     * {@code headers}, query {@code rawQuery} and {@code body}; where it goes is told to
     * {@code destination} once the body is read. Fails with the go-micro error to answer.
     */
    Mono<byte[]> call(HttpMethod method, HttpHeaders headers, String rawQuery, Mono<byte[]> body,
            Consumer<Destination> destination) {
        if (!HttpMethod.POST.equals(method)) {
            return Mono.error(MicroException.methodNotAllowed(ID, "/rpc takes POST, not %s", method));
        }
        return body
                .map(bytes -> parse(headers, rawQuery, bytes))
                .flatMap(call -> {
                    destination.accept(new Destination("/rpc", call.service(), call.endpoint()));
                    return auth.admit(headers, call.service(), call.endpoint(), () -> client.call(call.service(),
                            call.endpoint(), call.request(), byte[].class, options(headers, call)));
                })
                .onErrorMap(MicroException.class, RpcEndpoint::withCode);
    }

    /** The body limit of /rpc requests. */
    BodyLimit maxBodySize() {
        return maxBodySize;
    }

    /** Whether the allow-list lets {@code service} be called (an empty one lets every service). */
    public boolean allows(String service) {
        return allowed.allows(service);
    }

    /** Fails with a 403 naming the setting unless the allow-list lets {@code service} be called. */
    public void requireAllowed(String service) {
        if (!allows(service)) {
            throw MicroException.forbidden(ID, "service %s may not be called through /rpc: %s allows %s", service,
                    allowed.setting(), allowed.patterns());
        }
    }

    /**
     * Fails with a 403 naming the setting when {@code address} (a node to call, bypassing
     * discovery) is given while the allow-list is set; {@code null} and empty are no address.
     */
    public void requireDiscovery(String address) {
        if (!allowed.allowsAll() && address != null && !address.isBlank()) {
            throw MicroException.forbidden(ID, "address may not be given to /rpc while %s is set: calls go "
                    + "through discovery", allowed.setting());
        }
    }

    private Call parse(HttpHeaders headers, String rawQuery, byte[] body) {
        Call call = isJson(headers) ? fromJson(body) : fromForm(rawQuery, new String(body, StandardCharsets.UTF_8));
        if (call.service().isEmpty()) {
            throw MicroException.badRequest(ID, "service is missing: send service, endpoint and request, as JSON or "
                    + "as a form");
        }
        if (call.endpoint().isEmpty()) {
            throw MicroException.badRequest(ID, "endpoint is missing: send endpoint (or method), for example "
                    + "Say.Hello");
        }
        requireAllowed(call.service());
        requireDiscovery(call.address());
        return call;
    }

    /**
     * Whether the body is JSON: a content type compatible with {@code application/json}; the plain
     * {@code application/json} most clients send is told without parsing it.
     */
    private static boolean isJson(HttpHeaders headers) {
        if (JsonCodec.CONTENT_TYPE.equalsIgnoreCase(headers.getFirst(HttpHeaders.CONTENT_TYPE))) {
            return true;
        }
        MediaType contentType = headers.getContentType();
        return contentType != null && contentType.isCompatibleWith(MediaType.APPLICATION_JSON);
    }

    /**
     * Reads the call from JSON without building a tree: names in any letter case, as Go's decoder
     * reads them; an object or array {@code request} is passed on as the bytes it came as.
     */
    private static Call fromJson(byte[] body) {
        String service = "";
        String endpoint = "";
        String method = "";
        String address = "";
        byte[] request = EMPTY_OBJECT;
        try (JsonParser parser = BODY_READER.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw MicroException.badRequest(ID, "the body must be a JSON object with service, endpoint and "
                        + "request");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equalsIgnoreCase("request")) {
                    request = requestValue(parser, value, body);
                } else if (!value.isScalarValue()) {
                    parser.skipChildren();
                } else if (name.equalsIgnoreCase("service")) {
                    service = scalar(parser, value);
                } else if (name.equalsIgnoreCase("endpoint")) {
                    endpoint = scalar(parser, value);
                } else if (name.equalsIgnoreCase("method")) {
                    method = scalar(parser, value);
                } else if (name.equalsIgnoreCase("address")) {
                    address = scalar(parser, value);
                }
            }
        } catch (JacksonException e) {
            throw MicroException.badRequest(ID, "the body is not valid JSON: %s", e.getOriginalMessage());
        }
        return new Call(service, endpoint.isEmpty() ? method : endpoint, address, request);
    }

    /** A scalar field as text, stripped; {@code null} is empty. */
    private static String scalar(JsonParser parser, JsonToken value) {
        return value == JsonToken.VALUE_NULL ? "" : parser.getValueAsString("").strip();
    }

    private static byte[] requestValue(JsonParser parser, JsonToken value, byte[] body) {
        return switch (value) {
            case VALUE_NULL -> EMPTY_OBJECT;
            case VALUE_STRING -> requestString(parser.getString());
            case START_OBJECT, START_ARRAY -> {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                yield Arrays.copyOfRange(body, start, (int) parser.currentLocation().getByteOffset());
            }
            default -> parser.getString().getBytes(StandardCharsets.UTF_8);
        };
    }

    private static Call fromForm(String rawQuery, String body) {
        Map<String, List<String>> form = Exchanges.form(rawQuery);
        Exchanges.form(body).forEach((key, values) -> form.merge(key, values, (query, posted) -> posted));
        String endpoint = first(form, "endpoint");
        return new Call(first(form, "service"), endpoint.isEmpty() ? first(form, "method") : endpoint,
                first(form, "address"), requestString(first(form, "request")));
    }

    private static byte[] requestString(String request) {
        if (request.isBlank()) {
            return EMPTY_OBJECT;
        }
        try {
            return MAPPER.writeValueAsBytes(MAPPER.readTree(request));
        } catch (JacksonException e) {
            throw MicroException.badRequest(ID, "request is not valid JSON: %s", e.getOriginalMessage());
        }
    }

    private static CallOptions options(HttpHeaders headers, Call call) {
        CallOptions.Builder options = CallOptions.builder()
                .contentType(JsonCodec.CONTENT_TYPE)
                .metadata(Exchanges.metadata(headers));
        String timeout = headers.getFirst("Timeout");
        if (timeout != null && !timeout.isBlank()) {
            try {
                long seconds = Long.parseLong(timeout.strip());
                if (seconds > 0) {
                    options.requestTimeout(Duration.ofSeconds(seconds));
                }
            } catch (IllegalArgumentException e) { // not a number, or longer than the Timeout header carries
                throw MicroException.badRequest(ID, "Timeout must be a whole number of seconds, at most %d, got '%s'",
                        MicroHeaders.MAX_TIMEOUT.toSeconds(), timeout);
            }
        }
        if (!call.address().isEmpty()) {
            try {
                options.address(HostPort.parse(call.address()).requireHost().toString());
            } catch (IllegalArgumentException e) {
                throw MicroException.badRequest(ID, "address %s", e.getMessage());
            }
        }
        return options.build();
    }

    /** micro answers an error without a code as a 500 "error during request". */
    private static MicroException withCode(MicroException error) {
        return error.code() != 0 ? error
                : MicroException.internalServerError(ID, "error during request: %s", error.detail());
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> values = form.get(key);
        return values == null || values.isEmpty() ? "" : values.get(0).strip();
    }

    private record Call(String service, String endpoint, String address, byte[] request) {
    }
}
