package io.microspring.transport;

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

    /** Closes pooled connections. */
    @Override
    void close();
}
