package io.microspring.gateway.handler;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.errors.MicroException;
import io.microspring.gateway.route.RequestPath;
import io.microspring.registry.Node;
import io.microspring.selector.Selector;
import io.microspring.transport.MicroHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * micro's http (proxy) handler: a reverse proxy to the HTTP services of the namespace. The node is
 * chosen by the selector; the whole (cleaned) path and query are forwarded, with
 * {@code X-Forwarded-For}, {@code -Host}, {@code -Proto} and {@code -Port}. Request bodies stream
 * through without being held whole, and so do a node's answers, but for a small declared one (at
 * most 16 KiB), held until whole and sent on in one write; websocket upgrades go to
 * {@link WebSocketProxy}. Plain requests come through WebFlux or, ahead of it, from
 * {@link NettyRoutes}: both as a {@link ProxyExchange}, and are proxied the same way.
 *
 * <p>A node that refuses the connection (or, for {@code GET} and {@code HEAD}, breaks it before
 * answering, or before a small answer is whole) is skipped by the selector for a while and the
 * request goes to another node, up to the client's retries; when none can be reached the answer is
 * 503. A node that fails once connected is answered with 502, one silent for longer than the
 * client request timeout with 504.
 */
public final class ProxyHandler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);
    /** The largest declared answer sent on in one write ({@link #isSmall}); larger ones stream. */
    private static final int WHOLE_ANSWER_MAX = 16 * 1024;

    private final Selector selector;
    private final ConnectionProvider connections;
    private final NodeClients nodes;
    private final ReadSilence silence;
    private final WebSocketProxy webSockets;
    private final int retries;
    private final BodyLimit maxBodySize;

    /**
     * A proxy running on {@code loops} (the web server's), keeping up to {@code poolSize}
     * connections per node for {@code poolTtl}, giving up on a connection after
     * {@code connectTimeout} and on a silent node after {@code readTimeout}, trying up to
     * {@code retries} more nodes when one cannot be connected to.
     */
    public ProxyHandler(Selector selector, LoopResources loops, int poolSize, Duration poolTtl,
            Duration connectTimeout, Duration readTimeout, int retries, BodyLimit maxBodySize) {
        this.selector = selector;
        this.connections = ConnectionProvider.builder("micro-api-proxy")
                .maxConnections(poolSize)
                .maxIdleTime(poolTtl)
                .build();
        HttpClient http = HttpClient.create(connections)
                .runOn(loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
        this.nodes = new NodeClients(http);
        this.silence = new ReadSilence(readTimeout);
        this.webSockets = new WebSocketProxy(http);
        this.retries = retries;
        this.maxBodySize = maxBodySize;
    }

    /**
     * Proxies the request to a node of {@code service}, a websocket upgrade through
     * {@link WebSocketProxy}; records the {@link Destination} on the exchange.
     */
    public Mono<Void> handle(ServerWebExchange exchange, String service, RequestPath path) {
        destination(service).recordOn(exchange);
        ProxyExchange proxied = new WebFluxProxyExchange(exchange);
        if (!WebSocketProxy.isUpgrade(exchange.getRequest())) {
            return handle(proxied, service, path);
        }
        String pathAndQuery = pathAndQuery(proxied, path);
        return toNode(proxied, service, new HashSet<>(), null,
                node -> webSockets.proxy(exchange, proxied, service, node, pathAndQuery));
    }

    /** Proxies a plain HTTP request to a node of {@code service}, whichever way it came in. */
    Mono<Void> handle(ProxyExchange exchange, String service, RequestPath path) {
        long declared = exchange.headers().getContentLength();
        if (declared > maxBodySize.bytes()) {
            return Mono.error(maxBodySize.tooLarge(declared));
        }
        String pathAndQuery = pathAndQuery(exchange, path);
        return toNode(exchange, service, new HashSet<>(), null, node -> forward(exchange, node, pathAndQuery));
    }

    /** Where a proxied request to {@code service} went, for the access log and the timer. */
    static Destination destination(String service) {
        return new Destination("http", service, "");
    }

    @Override
    public void close() {
        connections.dispose();
    }

    /**
     * Proxies to a node the selector picks, by {@code exchangeWith} the node. One that cannot be connected to (so
     * nothing was sent), or for {@code GET} and {@code HEAD} (idempotent) one whose connection broke
     * before it began to answer, is marked failed and the next pick tried, up to {@code retries}
     * times; once that is spent, or the selector offers only a node already {@code tried}, the
     * service is unavailable (503). {@code giveUp} is the error once no other node is left: the last
     * broken exchange's, or when {@code null} the 503 (made only then: nearly every request never
     * needs it).
     */
    private Mono<Void> toNode(ProxyExchange exchange, String service, Set<String> tried, Throwable giveUp,
            Function<Node, Mono<Void>> exchangeWith) {
        return selector.select(service, List.of()).flatMap(node -> {
            if (!tried.add(node.id())) {
                return Mono.error(giveUp != null ? giveUp : unavailable(service));
            }
            return exchangeWith.apply(node).onErrorResume(error -> {
                boolean unreachable = isUnreachable(error);
                if (!unreachable && !(isBroken(error) && isRepeatable(exchange) && !exchange.isCommitted())) {
                    return Mono.error(failure(service, node, error));
                }
                selector.markFailed(service, node);
                Throwable next = !unreachable ? failure(service, node, error)
                        : giveUp != null ? giveUp : unavailable(service);
                return tried.size() > retries ? Mono.error(next)
                        : toNode(exchange, service, tried, next, exchangeWith);
            });
        });
    }

    /**
     * One exchange with {@code node}, on the node's own client (a relative URI), ended once the node
     * has been silent for the read timeout ({@link ReadSilence}).
     */
    private Mono<Void> forward(ProxyExchange exchange, Node node, String pathAndQuery) {
        HttpClient client;
        try {
            client = nodes.of(node.address());
        } catch (IllegalArgumentException e) {
            return Mono.error(e);
        }
        ReadSilence.Exchange watch = silence.start();
        Mono<Void> proxied = client
                .request(HttpMethod.valueOf(exchange.method()))
                .uri(pathAndQuery)
                .send((outbound, body) -> {
                    forwardHeaders(exchange, outbound.requestHeaders()::add);
                    return hasBody(exchange) ? body.send(limited(exchange.body(), watch)) : body;
                })
                .responseConnection((inbound, connection) -> {
                    watch.heard();
                    Flux<ByteBuf> body = connection.inbound().receive().retain().doOnNext(buffer -> watch.heard());
                    if (!isSmall(inbound)) {
                        answerHead(exchange, inbound);
                        return exchange.send(body);
                    }
                    return whole(body).flatMap(content -> {
                        answerHead(exchange, inbound);
                        return exchange.send(Mono.just(content));
                    });
                })
                .then();
        return watch.limit(proxied);
    }

    /**
     * Gives the response the node's status and headers, but hop-by-hop ones; only once its body is
     * on the way, so that a node that breaks off a small answer leaves nothing on the response.
     */
    private static void answerHead(ProxyExchange exchange, HttpClientResponse answer) {
        exchange.status(answer.status().code());
        HttpHeaders headers = exchange.responseHeaders();
        Predicate<String> passedOn = Exchanges.passedOn(headers);
        answer.responseHeaders().forEach(header -> {
            if (passedOn.test(header.getKey())) {
                headers.add(header.getKey(), header.getValue());
            }
        });
    }

    /**
     * Whether the node's {@code answer} is sent on in one write, held whole: its body is declared
     * (Content-Length, no Transfer-Encoding) and at most {@value #WHOLE_ANSWER_MAX} bytes. Others,
     * larger or chunked, stream through as they come.
     */
    private static boolean isSmall(HttpClientResponse answer) {
        if (answer.responseHeaders().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return false;
        }
        int length = answer.responseHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH, -1);
        return length > 0 && length <= WHOLE_ANSWER_MAX;
    }

    /** The {@code parts} of a small body as one buffer (none when empty), released when not sent. */
    private static Mono<ByteBuf> whole(Flux<ByteBuf> parts) {
        return parts.collectList()
                .doOnDiscard(ByteBuf.class, ByteBuf::release)
                .filter(list -> !list.isEmpty())
                .map(list -> list.size() == 1 ? list.get(0) : Unpooled.wrappedBuffer(list.toArray(ByteBuf[]::new)));
    }

    /**
     * Passes the request's headers for the node to {@code add}: all but hop-by-hop ones, Host and
     * the client's own X-Forwarded-*, then X-Forwarded-For (the client appended), -Host, -Proto and
     * -Port.
     */
    static void forwardHeaders(ProxyExchange exchange, BiConsumer<String, String> add) {
        for (Map.Entry<String, String> line : exchange.headerLines()) {
            String name = line.getKey();
            if (!MicroHeaders.isHopByHop(name) && !name.equalsIgnoreCase(HttpHeaders.HOST)
                    && !name.regionMatches(true, 0, "X-Forwarded-", 0, 12)) {
                add.accept(name, line.getValue());
            }
        }
        HttpHeaders request = exchange.headers();
        Exchanges.forwardedFor(request, exchange.remoteAddress())
                .ifPresent(forwarded -> add.accept("X-Forwarded-For", forwarded));
        String host = request.getFirst(HttpHeaders.HOST);
        if (host != null) {
            add.accept("X-Forwarded-Host", host);
        }
        add.accept("X-Forwarded-Proto", exchange.scheme());
        InetSocketAddress local = exchange.localAddress();
        if (local != null) {
            add.accept("X-Forwarded-Port", Integer.toString(local.getPort()));
        }
    }

    private static String pathAndQuery(ProxyExchange exchange, RequestPath path) {
        String query = exchange.rawQuery();
        return query == null ? path.raw() : path.raw() + "?" + query;
    }

    /**
     * The body for the node, failing with a 413 once more than the maximum has streamed through;
     * each part sent counts as activity of the exchange {@code watch}.
     */
    private Flux<ByteBuf> limited(Flux<ByteBuf> body, ReadSilence.Exchange watch) {
        AtomicLong seen = new AtomicLong();
        return body.handle((buffer, sink) -> {
            if (seen.addAndGet(buffer.readableBytes()) > maxBodySize.bytes()) {
                buffer.release();
                sink.error(maxBodySize.tooLarge(-1));
            } else {
                watch.heard();
                sink.next(buffer);
            }
        });
    }

    /** Whether the request may be sent again: idempotent, and without a body (which streams through once). */
    private static boolean isRepeatable(ProxyExchange exchange) {
        return Exchanges.isIdempotent(exchange.method()) && !hasBody(exchange);
    }

    /** Whether the request announces a body (RFC 9112 6.3: a Content-Length above 0, or Transfer-Encoding). */
    private static boolean hasBody(ProxyExchange exchange) {
        return exchange.headers().getContentLength() > 0
                || exchange.headers().containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /** Whether the connection broke after the request went out, before an answer began. */
    private static boolean isBroken(Throwable error) {
        return error instanceof PrematureCloseException || error instanceof IOException;
    }

    private static boolean isUnreachable(Throwable error) {
        return error instanceof ConnectException || error instanceof ConnectTimeoutException
                || error.getCause() instanceof ConnectException;
    }

    /** The 503 of a service none of whose nodes could be connected to; their addresses stay inside. */
    private static MicroException unavailable(String service) {
        return MicroException.serviceUnavailable(Exchanges.API_ID, "service %s: none of its nodes can be reached",
                service);
    }

    /**
     * The error the client sees when a node fails: it names the service but not the node, whose
     * address stays in the gateway's log.
     */
    private static Throwable failure(String service, Node node, Throwable error) {
        if (error instanceof MicroException) {
            return error;
        }
        log.warn("Proxying to service {} at {} failed: {}", service, node.address(), error.toString());
        if (error instanceof ReadSilence.SilentNode) {
            return new MicroException(Exchanges.API_ID, 504, "service " + service
                    + " did not answer in time (micro.client-request-timeout)");
        }
        if (error instanceof PrematureCloseException) {
            return new MicroException(Exchanges.API_ID, 502, "service " + service
                    + " closed the connection before answering");
        }
        return new MicroException(Exchanges.API_ID, 502, "proxying to service " + service + " failed ("
                + error.getClass().getSimpleName() + ")");
    }
}
