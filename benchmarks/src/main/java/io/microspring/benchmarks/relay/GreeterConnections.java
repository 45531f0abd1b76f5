package io.microspring.benchmarks.relay;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * The raw relay's kept-alive connections to the greeter, each opened on the event loop of the
 * caller's connection and parked, when idle, in that loop's own stack (the most recently used is
 * reused first); nothing is shared between loops, so nothing is locked.
 */
final class GreeterConnections {

    private final InetSocketAddress address;
    private final AsciiString host;
    private final Bootstrap bootstrap;
    private final FastThreadLocal<ArrayDeque<GreeterConnection>> idle = new FastThreadLocal<>() {
        @Override
        protected ArrayDeque<GreeterConnection> initialValue() {
            return new ArrayDeque<>();
        }
    };

    GreeterConnections(InetSocketAddress address) {
        this.address = address;
        this.host = AsciiString.cached(address.getHostString() + ":" + address.getPort());
        this.bootstrap = new Bootstrap()
                .channel(EpollSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(),
                                new HttpObjectAggregator(RawNettyRelay.MAX_BODY),
                                new GreeterConnection(GreeterConnections.this));
                    }
                });
    }

    /** The {@code Host} header of the calls. */
    AsciiString host() {
        return host;
    }

    /** Calls the greeter with {@code body} (released once sent) for {@code caller}; on the caller's event loop. */
    void call(ByteBuf body, CallerExchange caller) {
        GreeterConnection connection = idle.get().pollFirst();
        if (connection != null) {
            connection.send(body, caller);
            return;
        }
        bootstrap.clone(caller.channel().eventLoop()).connect(address).addListener((ChannelFuture connecting) -> {
            if (connecting.isSuccess()) {
                connecting.channel().pipeline().get(GreeterConnection.class).send(body, caller);
            } else {
                body.release();
                caller.answer(HttpResponseStatus.BAD_GATEWAY, Unpooled.EMPTY_BUFFER);
            }
        });
    }

    /** {@code connection} is idle again; on its event loop. */
    void park(GreeterConnection connection) {
        idle.get().addFirst(connection);
    }

    /** {@code connection} is closed; on its event loop. */
    void closed(GreeterConnection connection) {
        idle.get().remove(connection);
    }
}
