package io.microspring.transport;

import java.time.Duration;

import org.reactivestreams.Publisher;

import io.microspring.internal.Deadlines;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Moves request and response messages between nodes, as go-micro's transport: a server side that
 * listens for messages and hands them to a {@link TransportHandler}, and a client side that sends
 * a message to a node's {@code host:port} and returns its answer. Chosen by {@code micro.transport}.
 */
public interface Transport extends AutoCloseable {

    /** The name written into node metadata, for example {@code http}. */
    String name();

    /** Binds {@code address} ({@code host:port}, port 0 for any) and serves messages with {@code handler}. */
    Listener listen(String address, TransportHandler handler);

    /**
     * Sends {@code request} to {@code address} and returns the answer. Fails with
     * {@link TransportException}, which tells whether the request provably never reached the node.
     */
    Mono<TransportMessage> send(String address, TransportMessage request, SendOptions options);

    /**
     * Opens a stream to {@code address} on a connection of its own: each message of
     * {@code outbound} is sent as soon as the connection accepts it, and the result is every
     * message the node sends back. Cancelling the result closes the connection. Fails with
     * {@link TransportException} ({@link TransportException#unprocessed() unprocessed} when no
     * connection could be opened). By default transports do not stream.
     */
    default Flux<TransportMessage> stream(String address, Publisher<TransportMessage> outbound,
            Duration connectTimeout) {
        return Flux.error(new UnsupportedOperationException("transport " + name() + " does not stream"));
    }

    /**
     * {@code call} (a client's call over this transport, retries included), failing with a
     * {@link java.util.concurrent.TimeoutException} unless it answers within {@code timeout}. By
     * default on Netty's hashed wheel timer, which Netty-based transports have started anyway.
     */
    default <T> Mono<T> deadline(Mono<T> call, Duration timeout) {
        return Deadlines.within(call, timeout);
    }

    /** Closes pooled connections. */
    @Override
    void close();
}
