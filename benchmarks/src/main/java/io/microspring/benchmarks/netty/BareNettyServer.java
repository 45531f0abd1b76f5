package io.microspring.benchmarks.netty;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The ceiling on this machine: a bare Reactor Netty server that reads the request body and answers
 * the greeter's bytes and Micro headers without decoding anything. Usage: {@code BareNettyServer <port>}.
 */
public final class BareNettyServer {

    private static final byte[] ANSWER = "{\"msg\":\"Hello John\"}".getBytes(StandardCharsets.UTF_8);

    private BareNettyServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        ByteBuf answer = Unpooled.unreleasableBuffer(Unpooled.directBuffer(ANSWER.length).writeBytes(ANSWER));
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle((request, response) -> request.receive().aggregate().then(response
                        .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .header("Micro-Service", "go.micro.srv.greeter")
                        .header("Micro-Endpoint", "Say.Hello")
                        .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(ANSWER.length))
                        .send(Mono.just(answer.retainedDuplicate()))
                        .then()))
                .bindNow();
        System.out.println("READY 127.0.0.1:" + server.port());
        server.onDispose().block();
    }
}
