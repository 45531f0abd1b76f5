package io.microspring.client;

import java.lang.reflect.Type;

import io.microspring.broker.Publisher;
import io.microspring.errors.MicroException;
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
public interface MicroClient extends Publisher {

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
