package io.microspring.transport.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.net.HostPort;
import io.microspring.transport.TransportException;
import io.microspring.transport.TransportHandler;
import io.microspring.transport.TransportMessage;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.netty.NettyPipeline;

/**
 * Serves one stream on a server connection, as go-micro's HTTP transport does: the connection's
 * first request opened it, every later request is one more message from the caller, and every
 * message the handler sends back is written as one {@code 200} response. Requests and responses
 * are not paired, so Reactor Netty's HTTP server, which pairs them, is taken out of the way:
 * {@link StreamUpgrade} routes the connection here, and on the first request this handler swaps
 * the server codec for a request decoder and a response encoder of their own (the server codec
 * remembers every request's method until its response is written, which would grow without
 * bound on a long client stream).
 *
 * <p>Flow control both ways. Reading: the channel does not read on its own; it reads while fewer
 * than {@value #READ_AHEAD} received messages wait for the handler's demand, so a handler that
 * does not keep up stops the reading and TCP flow control slows the caller. Writing: the next
 * answer is requested from the handler only while the channel is writable, so a caller that does
 * not read slows the handler. Memory per stream stays bounded whatever its length.
 *
 * <p>Ending: when the answer ends, the caller is expected to close the connection (go-micro's
 * clients do on the end-of-stream message); it is closed after {@link #LINGER} otherwise. When
 * the caller closes the connection or it breaks, the handler's answer is cancelled. All state is
 * confined to the channel's event loop.
 */
final class StreamConnection extends ChannelInboundHandlerAdapter {

    static final String NAME = "micro.stream";
    /** Received messages kept ahead of the handler's demand before reading pauses. */
    static final int READ_AHEAD = 32;
    /** How long the connection stays open after the last answer for the caller to close it. */
    static final Duration LINGER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(StreamConnection.class);
    private static final String DECODER = "micro.streamDecoder";
    private static final String ENCODER = "micro.streamEncoder";

    private final TransportHandler handler;
    private final ChannelGroup streams;
    private final int maxHeaderSize;
    private final ArrayDeque<TransportMessage> received = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private FluxSink<TransportMessage> inbound;
    private Answers answers;
    private boolean opened;
    /** The handler no longer takes the caller's messages: they are read and dropped. */
    private boolean inboundDone;
    /** Why no more messages will arrive (the connection closed), once known. */
    private TransportException inboundEnd;
    private boolean answered;
    private boolean closed;

    StreamConnection(TransportHandler handler, ChannelGroup streams, int maxHeaderSize) {
        this.handler = handler;
        this.streams = streams;
        this.maxHeaderSize = maxHeaderSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FullHttpRequest request = (FullHttpRequest) msg;
        TransportMessage message;
        try {
            if (request.decoderResult().isFailure()) {
                log.debug("Closing stream from {}: unreadable request: {}", remote(ctx), request.decoderResult().cause());
                ctx.close();
                return;
            }
            message = new TransportMessage(HttpHeadersView.metadata(request.headers()),
                    ByteBufUtil.getBytes(request.content()));
        } finally {
            request.release();
        }
        if (!opened) {
            open(ctx, message);
        } else if (!inboundDone && !answered) {
            received.add(message);
            deliver();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readIfWanted();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (answers != null && ctx.channel().isWritable()) {
            answers.resume();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        if (answers != null) {
            answers.dispose(); // first, so that the handler is cancelled rather than failed
        }
        inboundEnd = new TransportException(remote(ctx), false, "the caller closed the stream's connection", null);
        deliver();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Closing stream from {}: {}", remote(ctx), cause.toString());
        ctx.close();
    }

    private void open(ChannelHandlerContext ctx, TransportMessage opening) {
        this.ctx = ctx;
        opened = true;
        ctx.channel().config().setAutoRead(false);
        streams.add(ctx.channel());
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addAfter(NettyPipeline.HttpCodec, DECODER,
                new HttpRequestDecoder(new HttpDecoderConfig().setMaxHeaderSize(maxHeaderSize)));
        pipeline.addAfter(DECODER, ENCODER, new HttpResponseEncoder());
        pipeline.remove(NettyPipeline.HttpCodec); // bytes it had read ahead go on to the new decoder
        Flux<TransportMessage> messages = Flux.create(sink -> ctx.executor().execute(() -> attach(sink)));
        answers = new Answers();
        Flux.defer(() -> handler.stream(opening, messages)).subscribe(answers);
        readIfWanted();
    }

    private void attach(FluxSink<TransportMessage> sink) {
        if (inbound != null) {
            sink.error(new IllegalStateException("the messages of a stream can be read only once"));
            return;
        }
        inbound = sink;
        sink.onRequest(n -> ctx.executor().execute(this::deliver));
        sink.onCancel(() -> ctx.executor().execute(() -> {
            inboundDone = true;
            received.clear();
            readIfWanted();
        }));
        deliver();
    }

    private void deliver() {
        if (inbound != null && !inboundDone) {
            while (!received.isEmpty() && inbound.requestedFromDownstream() > 0) {
                inbound.next(received.poll());
            }
            if (received.isEmpty() && inboundEnd != null) {
                inboundDone = true;
                inbound.error(inboundEnd);
            }
        }
        readIfWanted();
    }

    private void readIfWanted() {
        if (ctx != null && !closed && (inboundDone || answered || received.size() < READ_AHEAD)) {
            ctx.read();
        }
    }

    private void answered() {
        answered = true;
        received.clear();
        readIfWanted();
        ctx.executor().schedule(() -> {
            ctx.close();
        }, LINGER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static FullHttpResponse response(TransportMessage message) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(message.body()));
        message.headers().asMap().forEach(response.headers()::set);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, message.body().length);
        return response;
    }

    private static String remote(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress address ? HostPort.of(address).toString()
                : String.valueOf(ctx.channel().remoteAddress());
    }

    /** Writes the handler's answer, asking for the next message only while the channel is writable. */
    private final class Answers extends BaseSubscriber<TransportMessage> {

        private boolean paused;

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(1);
        }

        @Override
        protected void hookOnNext(TransportMessage message) {
            if (ctx.executor().inEventLoop()) {
                write(message);
            } else {
                ctx.executor().execute(() -> write(message));
            }
        }

        @Override
        protected void hookOnComplete() {
            ctx.executor().execute(StreamConnection.this::answered);
        }

        @Override
        protected void hookOnError(Throwable error) {
            log.error("Stream from {} failed without an error message to send; closing it", remote(ctx), error);
            ctx.executor().execute(ctx::close);
        }

        private void write(TransportMessage message) {
            ctx.writeAndFlush(response(message)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            if (ctx.channel().isWritable()) {
                request(1);
            } else {
                paused = true;
            }
        }

        void resume() {
            if (paused) {
                paused = false;
                request(1);
            }
        }
    }
}
