package io.microspring.transport.http;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLHandshakeException;

import io.microspring.internal.Deadlines;
import io.microspring.net.HostPort;
import io.microspring.net.NettyTls;
import io.microspring.net.TlsSettings;
import io.microspring.transport.ListenException;
import org.reactivestreams.Publisher;

import io.microspring.transport.Listener;
import io.microspring.transport.SendOptions;
import io.microspring.transport.Transport;
import io.microspring.transport.TransportException;
import io.microspring.transport.TransportHandler;
import io.microspring.transport.TransportMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ChannelBindException;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.SslProvider;

/**
 * go-micro's "mucp over HTTP" on Reactor Netty: each call is one HTTP/1.1 {@code POST /} with the
 * Micro headers and the bare codec body, answered by {@code 200} with the body (or an empty body
 * and a {@code Micro-Error} header). Client connections are pooled and kept alive. A stream takes
 * a connection of its own, on which requests and responses are not paired: see
 * {@link StreamConnection} (server) and {@link StreamClient} (client). With {@link TlsSettings}
 * every connection, both ways, is TLS, as go-micro's transport with {@code Secure(true)}.
 */
public final class HttpTransport implements Transport {

    private static final int MAX_CLIENTS = 4096;

    private final HttpTransportSettings settings;
    private final ConnectionProvider pool;
    private final HttpClient baseClient;
    private final StreamClient streamClient;
    private final Map<ClientKey, HttpClient> clients = new ConcurrentHashMap<>();

    /** With the given settings; the connection pool lives until {@link #close()}. */
    public HttpTransport(HttpTransportSettings settings) {
        this.settings = settings;
        this.pool = ConnectionProvider.builder("micro-http")
                .maxConnections(settings.poolSize())
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(settings.poolIdleTtl())
                .metrics(settings.poolMetrics())
                .build();
        // HTTP/1.1 is the client's default: setting it with protocol(...) would build Reactor Netty's
        // default TLS contexts (some 800 classes) even for a client that never speaks TLS
        SslProvider clientTls = settings.tls() == null ? null : NettyTls.client(settings.tls());
        HttpClient client = HttpClient.create(pool).keepAlive(true);
        this.baseClient = clientTls == null ? client : client.secure(clientTls);
        this.streamClient = new StreamClient(settings.maxBodySize(), settings.maxHeaderSize(), clientTls);
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Listener listen(String address, TransportHandler handler) {
        InetSocketAddress bind = HostPort.parse(address).socketAddress();
        ChannelGroup streams = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        HttpServer server = settings.tls() == null ? HttpServer.create()
                : HttpServer.create().secure(NettyTls.server(settings.tls()));
        try {
            return new HttpListener(server
                    .bindAddress(() -> bind)
                    .protocol(HttpProtocol.HTTP11)
                    .httpRequestDecoder(spec -> spec.maxHeaderSize(settings.maxHeaderSize()))
                    .doOnChannelInit((observer, channel, remote) -> channel.pipeline().addAfter(NettyPipeline.HttpCodec,
                            StreamUpgrade.NAME, new StreamUpgrade(handler, streams, settings.maxBodySize(),
                                    settings.maxHeaderSize())))
                    .handle(new HttpExchange(handler, settings.maxBodySize())::serve)
                    .bindNow(), streams);
        } catch (ChannelBindException e) {
            throw new ListenException(address, reason(e), e);
        }
    }

    @Override
    public Mono<TransportMessage> send(String address, TransportMessage request, SendOptions options) {
        HttpClient client;
        try {
            client = client(address, options.connectTimeout());
        } catch (IllegalArgumentException e) {
            return Mono.error(new TransportException(address, true, "cannot connect to node " + address + ": "
                    + e.getMessage(), e));
        }
        Mono<TransportMessage> exchange = client
                .post()
                .uri("/")
                .send((httpRequest, outbound) -> {
                    request.headers().asMap().forEach(httpRequest::header);
                    return outbound.send(Mono.just(Unpooled.wrappedBuffer(request.body())));
                })
                .responseSingle((response, content) -> content.asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .map(body -> {
                            if (response.status().code() != HttpResponseStatus.OK.code()) {
                                throw new TransportException(address, false, "the node answered HTTP "
                                        + response.status() + ": " + new String(body, StandardCharsets.UTF_8), null);
                            }
                            return new TransportMessage(HttpHeadersView.metadata(response.responseHeaders()), body);
                        }));
        // the deadline on the hashed wheel, not Reactor Netty's response timeout, which adds and removes a
        // handler on the connection's pipeline for every exchange
        return Deadlines.within(exchange, options.requestTimeout())
                .onErrorMap(error -> !(error instanceof TransportException), error -> classify(address, error));
    }

    /** A stream on a connection of its own, see {@link StreamClient}. */
    @Override
    public Flux<TransportMessage> stream(String address, Publisher<TransportMessage> outbound,
            Duration connectTimeout) {
        return streamClient.open(address, outbound, connectTimeout);
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(5));
    }

    /**
     * The client of one node, made once: a relative URI per exchange, so that no absolute URI is
     * parsed per call; all share the one connection pool. Clients of nodes long gone are dropped
     * with the others once there are {@value #MAX_CLIENTS}.
     */
    private HttpClient client(String address, Duration connectTimeout) {
        if (clients.size() >= MAX_CLIENTS) {
            clients.clear();
        }
        return clients.computeIfAbsent(new ClientKey(address, connectTimeout), key -> {
            InetSocketAddress node = socketAddress(HostPort.parse(address));
            return baseClient.remoteAddress(() -> node).option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                    (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        });
    }

    /** An IP address as it is; a name unresolved, so that Reactor Netty looks it up (again) when it connects. */
    private static InetSocketAddress socketAddress(HostPort node) {
        String host = node.host();
        return NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)
                ? new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(host), node.port())
                : InetSocketAddress.createUnresolved(host, node.port());
    }

    /** The operating system's reason, as the innermost exception says it: {@code Address already in use}. */
    private static String reason(ChannelBindException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        // the native transport says "bind(..) failed with error(-98): Address already in use"
        int colon = message.lastIndexOf(": ");
        return message.startsWith("bind(") && colon > 0 ? message.substring(colon + 2) : message;
    }

    private static TransportException classify(String address, Throwable error) {
        SSLHandshakeException handshake = NettyTls.handshakeFailure(error);
        if (handshake != null) {
            return TransportException.handshakeFailed(address, handshake);
        }
        boolean unprocessed = error instanceof ConnectException
                || error instanceof ConnectTimeoutException
                || error.getClass().getSimpleName().startsWith("PoolAcquire");
        String what = unprocessed ? "cannot connect to node " : "exchange with node ";
        return new TransportException(address, unprocessed, what + address + " failed: " + error, error);
    }

    /** A node's address and the connect timeout of a client. */
    private record ClientKey(String address, Duration connectTimeout) {
    }

    private static final class HttpListener implements Listener {

        private final DisposableServer server;
        private final ChannelGroup streams;
        private final String address;

        HttpListener(DisposableServer server, ChannelGroup streams) {
            this.server = server;
            this.streams = streams;
            this.address = HostPort.of((InetSocketAddress) server.address()).toString();
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public void stopAccepting() {
            server.channel().close().syncUninterruptibly();
        }

        @Override
        public void close(Duration timeout) {
            server.disposeNow(timeout);
            streams.close().awaitUninterruptibly(timeout.toMillis());
        }
    }
}
