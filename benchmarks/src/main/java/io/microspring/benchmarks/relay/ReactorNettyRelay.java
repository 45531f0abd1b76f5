package io.microspring.benchmarks.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * The floor of any relay on Reactor Netty: an {@link HttpServer} that forwards
 * {@code POST /greeter/say/hello} with an {@link HttpClient} (pooled keep-alive connections, a
 * relative URI) to one fixed greeter as the go-micro call ({@link GreeterCall}), bodies passed
 * through as buffers both ways, nothing decoded, no discovery, no logging. Usage:
 * {@code ReactorNettyRelay <port> <greeter host:port>}; prints {@code READY} once listening.
 */
public final class ReactorNettyRelay {

    /** Enough connections to the greeter that no call waits for one (the gateway's pool is unbounded). */
    private static final int MAX_CONNECTIONS = 1024;

    private ReactorNettyRelay() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        HttpClient greeter = HttpClient.create(ConnectionProvider.builder("greeter").maxConnections(MAX_CONNECTIONS).build())
                .baseUrl("http://" + args[1])
                .headers(GreeterCall::addHeaders);
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle((request, response) -> GreeterCall.isRelayed(request.method(), request.uri())
                        ? relay(greeter, request, response)
                        : response.status(HttpResponseStatus.NOT_FOUND).send())
                .bindNow();
        System.out.println("READY 127.0.0.1:" + server.port());
        server.onDispose().block();
    }

    private static Mono<Void> relay(HttpClient greeter, HttpServerRequest request, HttpServerResponse response) {
        return greeter.post()
                .uri(GreeterCall.URI)
                .send(request.receive().aggregate().retain())
                .responseSingle((answer, body) -> body.retain().defaultIfEmpty(Unpooled.EMPTY_BUFFER).map(content -> {
                    response.status(GreeterCall.status(answer.status(), answer.responseHeaders()));
                    return GreeterCall.body(answer.responseHeaders(), content);
                }))
                .flatMap(content -> answer(response, content));
    }

    private static Mono<Void> answer(HttpServerResponse response, ByteBuf content) {
        return response.header(HttpHeaderNames.CONTENT_TYPE, GreeterCall.JSON)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(content.readableBytes()))
                .send(Mono.just(content))
                .then();
    }
}
