package io.microspring.transport.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLHandshakeException;

import org.reactivestreams.Publisher;

import io.microspring.net.HostPort;
import io.microspring.net.NettyTls;
import io.microspring.transport.TransportException;
import io.microspring.transport.TransportMessage;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.http.HttpResources;
import reactor.netty.tcp.SslProvider;
import reactor.netty.tcp.TcpClient;

/**
 * The client side of a go-micro stream over HTTP: a connection of its own (never pooled), on
 * which every message goes out as one more {@code POST /} and every response that comes back is
 * one message from the node, unpaired. A request encoder and a response decoder are used instead
 * of a client codec, which would remember every request until its response. Reactor Netty carries
 * the flow control both ways: messages are taken from the caller only while the connection is
 * writable, and the connection reads only as fast as the result is consumed.
 */
final class StreamClient {

    private final TcpClient client;
    private final int maxBodySize;
    private final int maxHeaderSize;

    /** With {@code tls} the client side of the transport's TLS, {@code null} for plain text. */
    StreamClient(int maxBodySize, int maxHeaderSize, SslProvider tls) {
        TcpClient plain = TcpClient.newConnection().runOn(HttpResources.get());
        this.client = tls == null ? plain : plain.secure(tls);
        this.maxBodySize = maxBodySize;
        this.maxHeaderSize = maxHeaderSize;
    }

    Flux<TransportMessage> open(String address, Publisher<TransportMessage> outbound, Duration connectTimeout) {
        HostPort node = HostPort.parse(address);
        return client.remoteAddress(() -> InetSocketAddress.createUnresolved(node.host(), node.port()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                // after the TLS handler, if any, and before Reactor Netty's bridge to the connection
                .doOnChannelInit((observer, channel, remote) -> channel.pipeline()
                        .addBefore(NettyPipeline.ReactiveBridge, "micro.responseDecoder",
                                new HttpResponseDecoder(new HttpDecoderConfig().setMaxHeaderSize(maxHeaderSize)))
                        .addBefore(NettyPipeline.ReactiveBridge, "micro.responseAggregator",
                                new HttpObjectAggregator(maxBodySize))
                        .addBefore(NettyPipeline.ReactiveBridge, "micro.requestEncoder", new HttpRequestEncoder()))
                .connect()
                .onErrorMap(error -> ClientFailures.connect(address, error))
                .flatMapMany(connection -> exchange(connection, address, outbound));
    }

    /**
     * Sends and receives until the result ends. Cancelled while messages are still being sent,
     * the connection is reset rather than closed: unsent messages would hold the close back behind
     * them, unseen by a node that has stopped reading.
     */
    private static Flux<TransportMessage> exchange(Connection connection, String address,
            Publisher<TransportMessage> outbound) {
        AtomicBoolean allSent = new AtomicBoolean();
        Flux<TransportMessage> sent = connection.outbound()
                .sendObject(Flux.from(outbound).map(message -> ClientMessages.request(address, message)))
                .then()
                .doOnSuccess(done -> allSent.set(true))
                .onErrorMap(error -> failure(address, error))
                .thenMany(Flux.empty());
        Flux<TransportMessage> received = connection.inbound().receiveObject()
                .map(response -> message(address, (FullHttpResponse) response))
                .onErrorMap(error -> failure(address, error));
        return Flux.merge(sent, received).doFinally(signal -> {
            if (signal == SignalType.CANCEL && !allSent.get()) {
                connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            }
            connection.dispose();
        });
    }

    private static TransportMessage message(String address, FullHttpResponse response) {
        byte[] body = ByteBufUtil.getBytes(response.content());
        if (response.decoderResult().isFailure()) {
            throw broken(address, response.decoderResult().cause());
        }
        return ClientMessages.answer(address, response.status(), response.headers(), body);
    }

    /**
     * A refused TLS handshake, or another failure of the connection itself, as a
     * {@link TransportException}; a failure of the caller's own messages as it is.
     */
    private static Throwable failure(String address, Throwable error) {
        SSLHandshakeException handshake = NettyTls.handshakeFailure(error);
        if (handshake != null) {
            return TransportException.handshakeFailed(address, handshake);
        }
        return error instanceof IOException || error instanceof ChannelException ? broken(address, error) : error;
    }

    private static TransportException broken(String address, Throwable error) {
        return new TransportException(address, false, "stream with node " + address + " failed: " + error, error);
    }
}
