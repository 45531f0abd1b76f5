package io.microspring.toolkit.proxy;

import java.lang.reflect.Type;
import java.net.http.HttpRequest;
import java.time.Duration;

import org.reactivestreams.Publisher;

import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.codec.json.JsonCodec;
import io.microspring.codec.json.JsonMarshaller;
import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;
import io.microspring.toolkit.command.Command;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls and publishes through a {@code micro sidecar}: a call is a {@code POST /rpc} with
 * {@code {"service","endpoint","request","address"}}, its metadata as headers and its timeout as
 * header {@code Timeout} (whole seconds, as micro's); a message is a {@code POST /broker?topic=T}.
 * The sidecar calls as JSON, so other content types are refused; streams do not go through it.
 */
final class SidecarClient implements MicroClient {

    /** Requests and responses as the client's JSON codec writes and reads them (protobuf messages too). */
    private static final JsonMarshaller JSON = new JsonMarshaller();
    /** Time the HTTP exchange is given beyond the call's own timeout, which the sidecar enforces. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final SidecarHttp http;
    private final CallOptions defaults;

    SidecarClient(SidecarHttp http, CallOptions defaults) {
        this.http = http;
        this.defaults = defaults;
    }

    @Override
    public <T> Mono<T> call(String service, String endpoint, Object request, Type responseType,
            CallOptions options) {
        return Mono.defer(() -> {
            CallOptions call = options.over(defaults);
            requireJson(call, "a call");
            ObjectNode body = JSON.mapper().createObjectNode()
                    .put("service", service)
                    .put("endpoint", endpoint);
            body.set("request", JSON.readTree(bytes(request)));
            if (call.address() != null) {
                body.put("address", call.address());
            }
            HttpRequest.Builder post = headers(http.request(SidecarHttp.RPC), call.metadata())
                    .header("Content-Type", JsonCodec.CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.write(body)));
            Duration timeout = call.requestTimeout();
            if (timeout != null) {
                post.header("Timeout", Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000)))
                        .timeout(timeout.plus(MARGIN));
            }
            return Mono.fromFuture(http.send(post.build())).map(response -> decode(response, responseType));
        });
    }

    @Override
    public <T> Flux<T> stream(String service, String endpoint, Publisher<?> requests, Type responseType,
            CallOptions options) {
        return Flux.error(MicroException.badRequest(Command.ID, "streams do not go through micro sidecar "
                + "(--proxy_address): stream from %s without it", service));
    }

    @Override
    public Mono<Void> publish(String topic, Object message, CallOptions options) {
        return Mono.defer(() -> {
            CallOptions publish = options.over(defaults);
            HttpRequest.Builder post = headers(http.request(SidecarHttp.BROKER, "topic", topic), publish.metadata())
                    .header("Content-Type", publish.contentType() == null ? JsonCodec.CONTENT_TYPE
                            : publish.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(message)));
            return Mono.fromFuture(http.send(post.build())).then();
        });
    }

    private static void requireJson(CallOptions options, String what) {
        String type = options.contentType();
        if (type != null && !type.equals(JsonCodec.CONTENT_TYPE)) {
            throw MicroException.badRequest(Command.ID, "micro sidecar (--proxy_address) sends %s as %s, not %s",
                    what, JsonCodec.CONTENT_TYPE, type);
        }
    }

    private static HttpRequest.Builder headers(HttpRequest.Builder request, Metadata metadata) {
        if (metadata == null) {
            return request;
        }
        metadata.asMap().forEach((name, value) -> {
            try {
                request.header(name, value);
            } catch (IllegalArgumentException e) {
                throw MicroException.badRequest(Command.ID, "metadata %s cannot be sent to micro sidecar as an "
                        + "HTTP header: %s", name, e.getMessage());
            }
        });
        return request;
    }

    private static byte[] bytes(Object value) {
        return value instanceof byte[] bytes ? bytes : JSON.write(value);
    }

    @SuppressWarnings("unchecked")
    private static <T> T decode(byte[] response, Type type) {
        return type == byte[].class ? (T) response : (T) JSON.read(response, type);
    }
}
