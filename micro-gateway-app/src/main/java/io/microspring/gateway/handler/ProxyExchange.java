package io.microspring.gateway.handler;

import java.net.InetSocketAddress;
import java.util.Map;

import org.reactivestreams.Publisher;
import org.springframework.http.HttpHeaders;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the {@link ProxyHandler} needs of a request it forwards and of the response it answers
 * with, whichever way the request came in: through WebFlux ({@link WebFluxProxyExchange}) or on
 * Reactor Netty ahead of it ({@link NettyProxyExchange}). Bodies are Netty buffers, passed on
 * without copying.
 */
interface ProxyExchange {

    /** The request's method, such as {@code GET}. */
    String method();

    /** The request's headers. */
    HttpHeaders headers();

    /** The request's header lines, one entry for each value, values of a name in the order they came. */
    Iterable<Map.Entry<String, String>> headerLines();

    /** The raw (percent-encoded) query, {@code null} when the request has none. */
    String rawQuery();

    /** {@code http} or {@code https}. */
    String scheme();

    /** The client's address, {@code null} when not known. */
    InetSocketAddress remoteAddress();

    /** The gateway's address the request came to, {@code null} when not known. */
    InetSocketAddress localAddress();

    /** The request's body as it streams in. */
    Flux<ByteBuf> body();

    /** Whether the response's status and headers have gone out already. */
    boolean isCommitted();

    /** Sets the response's status. */
    void status(int code);

    /** The response's headers, to add to until committed. */
    HttpHeaders responseHeaders();

    /**
     * Sends the response: its status and headers, then {@code body} as it streams; a {@link Mono}
     * body goes out with them in one write.
     */
    Mono<Void> send(Publisher<ByteBuf> body);
}
