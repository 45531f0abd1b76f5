package io.microspring.benchmarks.relay;

import java.net.InetSocketAddress;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The ceiling of a relay on the JVM: raw Netty handlers, no Reactor. Forwards
 * {@code POST /greeter/say/hello} to one fixed greeter as the go-micro call ({@link GreeterCall})
 * over kept-alive connections opened on the event loop of the request's own connection and reused
 * there ({@link GreeterConnections}); one event loop (the relay runs on one core), epoll, bodies
 * aggregated (they are small) and passed through as buffers, nothing decoded, no discovery, no
 * logging. Usage: {@code RawNettyRelay <port> <greeter host:port>}; prints {@code READY} once listening.
 */
public final class RawNettyRelay {

    /** The largest request or answer body relayed. */
    static final int MAX_BODY = 64 * 1024;

    private RawNettyRelay() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        String greeter = args[1];
        int colon = greeter.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(greeter.substring(0, colon),
                Integer.parseInt(greeter.substring(colon + 1)));
        Epoll.ensureAvailability();
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        RelayHandler relay = new RelayHandler(new GreeterConnections(address));
        Channel server = new ServerBootstrap()
                .group(loop)
                .channel(EpollServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY), relay);
                    }
                })
                .bind("127.0.0.1", port)
                .sync()
                .channel();
        System.out.println("READY 127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort());
        server.closeFuture().sync();
    }
}
