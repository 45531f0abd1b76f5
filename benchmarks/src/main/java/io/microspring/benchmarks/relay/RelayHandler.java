package io.microspring.benchmarks.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * The raw relay's server side: hands the body of {@code POST /greeter/say/hello} to a connection to
 * the greeter, which answers the caller ({@link CallerExchange}); any other request is a 404.
 */
@Sharable
final class RelayHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final GreeterConnections greeter;

    RelayHandler(GreeterConnections greeter) {
        this.greeter = greeter;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        CallerExchange caller = new CallerExchange(ctx.channel(), HttpUtil.isKeepAlive(request));
        if (GreeterCall.isRelayed(request.method(), request.uri())) {
            greeter.call(request.content().retain(), caller);
        } else {
            caller.answer(HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
