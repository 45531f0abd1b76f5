package io.microspring.benchmarks.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * One kept-alive connection of the raw relay to the greeter, at the end of its pipeline: sends one
 * call at a time, hands the greeter's status and body to the waiting caller and parks itself in
 * {@link GreeterConnections}. A connection that closes before answering answers its caller 502.
 */
final class GreeterConnection extends SimpleChannelInboundHandler<FullHttpResponse> {

    private final GreeterConnections pool;
    private Channel channel;
    private CallerExchange caller;

    GreeterConnection(GreeterConnections pool) {
        this.pool = pool;
    }

    /** Sends the call with {@code body} (released once written) for {@code waiting}; on the event loop. */
    void send(ByteBuf body, CallerExchange waiting) {
        this.caller = waiting;
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, GreeterCall.URI, body);
        GreeterCall.addHeaders(request.headers());
        request.headers()
                .add(HttpHeaderNames.HOST, pool.host())
                .addInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        channel.writeAndFlush(request, channel.voidPromise());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse answer) {
        CallerExchange waiting = caller;
        caller = null;
        if (waiting == null) { // an answer no call waits for: requests and answers no longer pair up
            ctx.close();
            return;
        }
        if (HttpUtil.isKeepAlive(answer)) {
            pool.park(this);
        } else {
            ctx.close();
        }
        waiting.answer(GreeterCall.status(answer.status(), answer.headers()),
                GreeterCall.body(answer.headers(), answer.content().retain()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.closed(this);
        if (caller != null) {
            caller.answer(HttpResponseStatus.BAD_GATEWAY, Unpooled.EMPTY_BUFFER);
            caller = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
