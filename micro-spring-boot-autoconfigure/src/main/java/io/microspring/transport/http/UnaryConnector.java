package io.microspring.transport.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import io.microspring.net.HostPort;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.SslProvider;

/**
 * Opens the connections of unary calls on a given event loop of Reactor Netty's shared loops: TLS
 * first when the transport has it (checking that the certificate names the host dialled), then
 * HTTP/1.1's request encoder and response decoder, then a {@link UnaryConnection}. A host name is
 * looked up off the event loop, each time a connection is opened. Remembers every connection, to
 * close them all at the end.
 */
final class UnaryConnector {

    private final Bootstrap bootstrap;
    private final SslProvider tls;
    private final HttpDecoderConfig decoderConfig;
    private final ChannelGroup channels = new DefaultChannelGroup("micro-http-unary", GlobalEventExecutor.INSTANCE);

    /** With {@code tls} the client side of the transport's TLS, {@code null} for plain text. */
    UnaryConnector(LoopResources resources, EventLoopGroup loops, SslProvider tls, int maxHeaderSize) {
        this.bootstrap = new Bootstrap()
                .channel(resources.onChannelClass(SocketChannel.class, loops))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
        this.tls = tls;
        this.decoderConfig = new HttpDecoderConfig().setMaxHeaderSize(maxHeaderSize);
    }

    /** A new connection to {@code pool}'s node served by {@code loop}, its {@link UnaryConnection} in place. */
    Future<Channel> connect(NodePool pool, EventLoop loop, int timeoutMillis) {
        Promise<Channel> connected = loop.newPromise();
        InetSocketAddress ip = pool.ipAddress();
        if (ip != null) {
            connect(pool, ip, loop, timeoutMillis, connected);
        } else {
            HostPort node = pool.node();
            Schedulers.boundedElastic().schedule(() -> {
                try {
                    InetSocketAddress found = new InetSocketAddress(InetAddress.getByName(node.host()), node.port());
                    loop.execute(() -> connect(pool, found, loop, timeoutMillis, connected));
                } catch (UnknownHostException e) {
                    connected.setFailure(e);
                }
            });
        }
        return connected;
    }

    private void connect(NodePool pool, InetSocketAddress remote, EventLoop loop, int timeoutMillis,
            Promise<Channel> connected) {
        bootstrap.clone(loop)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (tls != null) {
                            tls.addSslHandler(channel, remote, false);
                        }
                        channel.pipeline().addLast(new HttpResponseDecoder(decoderConfig), new HttpRequestEncoder(),
                                new UnaryConnection(pool));
                    }
                })
                .connect(remote)
                .addListener((ChannelFuture connecting) -> {
                    if (connecting.isSuccess()) {
                        channels.add(connecting.channel());
                        pool.opened();
                        connected.setSuccess(connecting.channel());
                    } else {
                        connected.setFailure(connecting.cause());
                    }
                });
    }

    /** Closes every connection, idle or busy. */
    void close() {
        channels.close().awaitUninterruptibly(5_000);
    }
}
