package io.microspring.transport.http;

import java.io.IOException;
import java.util.Arrays;

import io.microspring.transport.TransportException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One kept-alive connection to a node, at the end of its pipeline: sends a call's request, reads
 * the answer into one array, completes the call and puts itself back into the {@link NodePool}.
 * One call at a time; everything runs on the connection's event loop. When the connection fails
 * before any answer, a call on a connection taken from the pool whose request never went out, or
 * was met by a reset (the node had closed the connection), goes once more on a new connection, as
 * the request was not read; any other failure ends the call.
 */
final class UnaryConnection extends ChannelInboundHandlerAdapter implements ChannelFutureListener {

    /** Answers up to this size are read straight into an array of their declared length. */
    private static final int PREALLOCATE_MAX = 1024 * 1024;

    private final NodePool pool;
    private final long createdNanos = System.nanoTime();
    private Channel channel;
    /** Whether the connection is idle in its pool now; set and read on its event loop. */
    boolean parked;
    /** When the connection was last put into its pool; set and read on its event loop. */
    long parkedNanos;

    private UnaryCall call;
    private boolean reused;
    private boolean sent;
    private HttpResponse response;
    private byte[] body;
    private int filled;
    private ByteBuf overflow;

    UnaryConnection(NodePool pool) {
        this.pool = pool;
    }

    long createdNanos() {
        return createdNanos;
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    boolean isActive() {
        return channel.isActive();
    }

    void close() {
        channel.close();
    }

    /** Sends {@code next}'s request; {@code fromPool} when the connection served calls before. On the event loop. */
    void exchange(UnaryCall next, boolean fromPool) {
        this.call = next;
        this.reused = fromPool;
        this.sent = false;
        next.attach(channel);
        channel.writeAndFlush(ClientMessages.request(pool.address(), next.request())).addListener(this);
    }

    /** The request has been written, or could not be. */
    @Override
    public void operationComplete(ChannelFuture write) {
        if (write.isSuccess()) {
            sent = true;
        } else {
            failed(write.cause(), false);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.closed(this);
        failed(new IOException("the node closed the connection before it answered"), sent);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed(cause, sent);
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            read(message);
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void read(Object message) {
        if (call == null) {
            // an answer no call waits for: the connection can no longer pair requests and answers
            channel.close();
            return;
        }
        if (message instanceof DecoderResultProvider decoded && decoded.decoderResult().isFailure()) {
            failed(decoded.decoderResult().cause(), true);
            channel.close();
            return;
        }
        if (message instanceof HttpResponse head) {
            response = head;
            long length = HttpUtil.getContentLength(head, -1L);
            body = length >= 0 && length <= PREALLOCATE_MAX ? new byte[(int) length] : null;
            filled = 0;
        }
        if (message instanceof HttpContent content) {
            append(content.content());
            if (message instanceof LastHttpContent) {
                answered();
            }
        }
    }

    private void append(ByteBuf content) {
        int size = content.readableBytes();
        if (overflow == null && body != null && filled + size <= body.length) {
            content.readBytes(body, filled, size);
            filled += size;
            return;
        }
        if (overflow == null) {
            overflow = channel.alloc().heapBuffer(filled + size);
            if (body != null) {
                overflow.writeBytes(body, 0, filled);
            }
        }
        overflow.writeBytes(content);
    }

    private void answered() {
        UnaryCall answeredCall = call;
        HttpResponse head = response;
        byte[] bytes = collected();
        call = null;
        answeredCall.detach();
        if (HttpUtil.isKeepAlive(head)) {
            pool.park(this);
        } else {
            channel.close();
        }
        try {
            answeredCall.succeed(ClientMessages.answer(pool.address(), head.status(), head.headers(), bytes));
        } catch (TransportException e) {
            answeredCall.fail(e);
        }
    }

    private byte[] collected() {
        byte[] bytes;
        if (overflow != null) {
            bytes = ByteBufUtil.getBytes(overflow);
        } else if (body != null && filled == body.length) {
            bytes = body;
        } else {
            bytes = body == null ? new byte[0] : Arrays.copyOf(body, filled);
        }
        forgetAnswer();
        return bytes;
    }

    private void forgetAnswer() {
        response = null;
        body = null;
        filled = 0;
        if (overflow != null) {
            overflow.release();
            overflow = null;
        }
    }

    /**
     * Ends the call in progress, if any, with {@code cause}: or sends it once more on a new
     * connection when this one came from the pool and the node provably read nothing.
     */
    private void failed(Throwable cause, boolean requestSent) {
        UnaryCall failedCall = call;
        if (failedCall == null) {
            return;
        }
        boolean answerStarted = response != null;
        call = null;
        forgetAnswer();
        channel.close();
        if (reused && !answerStarted && (!requestSent || ClientFailures.reset(cause))) {
            failedCall.retryOnNewConnection(channel.eventLoop());
        } else {
            failedCall.fail(cause);
        }
    }
}
