package io.microspring.transport.http;

import java.net.InetSocketAddress;
import java.time.Duration;

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
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ChannelBindException;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.SslProvider;

/**
 * go-micro's "mucp over HTTP" on Reactor Netty: each call is one HTTP/1.1 {@code POST /} with the
 * Micro headers and the bare codec body, answered by {@code 200} with the body (or an empty body
 * and a {@code Micro-Error} header). The client's connections are kept alive in a pool per node
 * ({@link UnaryClient}, on Netty directly). A stream takes
 * a connection of its own, on which requests and responses are not paired: see
 * {@link StreamConnection} (server) and {@link StreamClient} (client). With {@link TlsSettings}
 * every connection, both ways, is TLS, as go-micro's transport with {@code Secure(true)}.
 */
public final class HttpTransport implements Transport {

    private final HttpTransportSettings settings;
    private final PoolGauges gauges;
    private final UnaryClient unaryClient;
    private final StreamClient streamClient;

    /** With the given settings; pooled connections live until {@link #close()}. */
    public HttpTransport(HttpTransportSettings settings) {
        this.settings = settings;
        SslProvider clientTls = settings.tls() == null ? null : NettyTls.client(settings.tls());
        this.gauges = settings.poolMetrics() ? new PoolGauges() : null;
        this.unaryClient = new UnaryClient(settings, clientTls, gauges == null ? UnaryClient.PoolListener.NONE : gauges);
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
        Mono<TransportMessage> exchange;
        try {
            exchange = unaryClient.send(address, request, options.connectTimeout());
        } catch (IllegalArgumentException e) {
            return Mono.error(new TransportException(address, true, "cannot connect to node " + address + ": "
                    + e.getMessage(), e));
        }
        return Deadlines.within(exchange, options.requestTimeout())
                .onErrorMap(error -> !(error instanceof TransportException), error -> ClientFailures.exchange(address,
                        error));
    }

    /** A stream on a connection of its own, see {@link StreamClient}. */
    @Override
    public Flux<TransportMessage> stream(String address, Publisher<TransportMessage> outbound,
            Duration connectTimeout) {
        return streamClient.open(address, outbound, connectTimeout);
    }

    @Override
    public void close() {
        unaryClient.close();
        if (gauges != null) {
            gauges.close();
        }
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
