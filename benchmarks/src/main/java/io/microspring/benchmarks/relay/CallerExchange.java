package io.microspring.benchmarks.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** A request waiting on the raw relay's server side for its answer: the caller's connection, and whether to keep it. */
record CallerExchange(Channel channel, boolean keepAlive) {

    /** Answers {@code status} with {@code body} (released once written) as JSON, closing the connection unless kept alive. */
    void answer(HttpResponseStatus status, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .add(HttpHeaderNames.CONTENT_TYPE, GreeterCall.JSON)
                .addInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            channel.writeAndFlush(response, channel.voidPromise());
        } else {
            channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
