package io.microspring.client;

import java.lang.reflect.Type;

import io.microspring.errors.MicroException;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Calls endpoints of go-micro services, as go-micro's client: the service is resolved through the
 * selector (or a fixed address), the request is encoded with the call's content type, and failures
 * that provably did not reach a node are retried on another node with backoff.
 *
 * <p>Failures arrive as {@link MicroException}: the remote handler's own error, or one with id
 * {@code go.micro.client}: 404 unknown service; 408 no answer within the request timeout; 503 when
 * no node could be connected to after the retries (connection refused, no pooled connection) or
 * none passes the selector filters; 500 when a connection was lost during the exchange. The
 * metadata of the Reactor context (and, inside a handler, of the call being served) travels with
 * every call.
 */
public interface MicroClient extends io.microspring.broker.Publisher { // the name Publisher is Reactive Streams' here

    /** Calls {@code endpoint} ({@code Say.Hello}) of {@code service} with the client's default options. */
    default <T> Mono<T> call(String service, String endpoint, Object request, Class<T> responseType) {
        return call(service, endpoint, request, responseType, CallOptions.none());
    }

    /** Calls {@code endpoint} of {@code service}; {@code options} override the client's defaults. */
    default <T> Mono<T> call(String service, String endpoint, Object request, Class<T> responseType,
            CallOptions options) {
        return call(service, endpoint, request, (Type) responseType, options);
    }

    /** Calls {@code endpoint} of {@code service} for a generic response type such as {@code List<Item>}. */
    <T> Mono<T> call(String service, String endpoint, Object request, Type responseType, CallOptions options);

    /**
     * Opens a stream to {@code endpoint} of {@code service} (an endpoint registered with metadata
     * {@code stream: "true"}), sends every message of {@code requests} on it and returns the
     * messages the handler sends back. Works for every shape: one request and many responses
     * ({@code Mono.just(request)}), many requests and one response, many of both. See
     * {@link #stream(String, String, Publisher, Type, CallOptions)}.
     */
    default <T> Flux<T> stream(String service, String endpoint, Publisher<?> requests,
            Class<T> responseType, CallOptions options) {
        return stream(service, endpoint, requests, (Type) responseType, options);
    }

    /**
     * Opens a stream as {@link #stream(String, String, Publisher, Class, CallOptions)}
     * for a generic response type. The stream has a connection of its own. Requests are taken
     * from {@code requests} only as fast as the connection sends them; when they end, the stream's
     * end is sent and the responses go on until the handler ends. Cancelling the result closes the
     * connection, which cancels the handler. Only opening the stream is retried; once it is open
     * nothing is. A request timeout set in {@code options} bounds the whole stream; without one a
     * stream has no deadline (go-micro's default stream timeout is none as well). Call wrappers,
     * which wrap a single answer, do not apply to streams; attempt wrappers see the whole stream
     * ({@link AttemptWrapper#wrapStream}).
     */
    default <T> Flux<T> stream(String service, String endpoint, Publisher<?> requests,
            Type responseType, CallOptions options) {
        return Flux.error(new UnsupportedOperationException(getClass().getName() + " does not stream"));
    }

    /** Blocking form of {@link #call(String, String, Object, Class)}: not for event-loop threads. */
    default <T> T callBlocking(String service, String endpoint, Object request, Class<T> responseType) {
        return callBlocking(service, endpoint, request, responseType, CallOptions.none());
    }

    /** Publishes {@code message} to {@code topic} with the client's default content type. */
    @Override
    default Mono<Void> publish(String topic, Object message) {
        return publish(topic, message, CallOptions.none());
    }

    /**
     * Publishes {@code message} to {@code topic} through the broker, as go-micro's
     * {@code client.Publish}; of {@code options} only the content type and the metadata apply.
     */
    default Mono<Void> publish(String topic, Object message, CallOptions options) {
        return Mono.error(new UnsupportedOperationException(getClass().getName() + " does not publish messages"));
    }

    /** Blocking form of {@link #call(String, String, Object, Class, CallOptions)}: not for event-loop threads. */
    default <T> T callBlocking(String service, String endpoint, Object request, Class<T> responseType,
            CallOptions options) {
        return call(service, endpoint, request, responseType, options).block();
    }
}
