package io.microspring.transport.http;

import io.microspring.transport.MicroHeaders;
import io.microspring.transport.TransportHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Looks at the first request of each server connection, placed right after Reactor Netty's HTTP
 * codec. A request carrying {@code Micro-Stream} (or {@code X-Micro-Stream}) turns the connection
 * into a stream served by {@link StreamConnection}: the requests of a stream are not answered one
 * by one, so they must not reach Reactor Netty's request/response pairing. Any other first request
 * leaves the connection to Reactor Netty, and this handler removes itself.
 */
final class StreamUpgrade extends ChannelInboundHandlerAdapter {

    static final String NAME = "micro.streamUpgrade";
    private static final String AGGREGATOR = "micro.streamAggregator";

    private final TransportHandler handler;
    private final ChannelGroup streams;
    private final int maxBodySize;
    private final int maxHeaderSize;

    StreamUpgrade(TransportHandler handler, ChannelGroup streams, int maxBodySize, int maxHeaderSize) {
        this.handler = handler;
        this.streams = streams;
        this.maxBodySize = maxBodySize;
        this.maxHeaderSize = maxHeaderSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            if (isStream(request)) {
                ctx.pipeline().addAfter(NAME, AGGREGATOR, new HttpObjectAggregator(maxBodySize));
                ctx.pipeline().addAfter(AGGREGATOR, StreamConnection.NAME,
                        new StreamConnection(handler, streams, maxHeaderSize));
            }
            ctx.fireChannelRead(msg);
            ctx.pipeline().remove(this);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isStream(HttpRequest request) {
        return request.headers().contains(MicroHeaders.STREAM)
                || request.headers().contains(MicroHeaders.X_PREFIX + MicroHeaders.STREAM);
    }
}
