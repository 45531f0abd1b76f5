package io.microspring.gateway.handler;

import java.net.InetSocketAddress;
import java.util.Map;

import org.reactivestreams.Publisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.support.Netty4HeadersAdapter;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A proxied request served on Reactor Netty ahead of WebFlux ({@link NettyRoutes}): its request
 * and response, with the request target already split ({@link RequestTarget}).
 */
final class NettyProxyExchange implements ProxyExchange {

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final HttpHeaders headers;
    private final String rawQuery;

    NettyProxyExchange(HttpServerRequest request, HttpServerResponse response, HttpHeaders headers, String rawQuery) {
        this.request = request;
        this.response = response;
        this.headers = headers;
        this.rawQuery = rawQuery;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }

    @Override
    public Iterable<Map.Entry<String, String>> headerLines() {
        return request.requestHeaders();
    }

    @Override
    public String rawQuery() {
        return rawQuery;
    }

    @Override
    public String scheme() {
        return request.scheme();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return request.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return request.hostAddress();
    }

    @Override
    public Flux<ByteBuf> body() {
        return request.receive().retain();
    }

    @Override
    public boolean isCommitted() {
        return response.hasSentHeaders();
    }

    @Override
    public void status(int code) {
        response.status(HttpResponseStatus.valueOf(code));
    }

    @Override
    public HttpHeaders responseHeaders() {
        return new HttpHeaders(new Netty4HeadersAdapter(response.responseHeaders()));
    }

    @Override
    public Mono<Void> send(Publisher<ByteBuf> body) {
        return response.send(body).then();
    }
}
