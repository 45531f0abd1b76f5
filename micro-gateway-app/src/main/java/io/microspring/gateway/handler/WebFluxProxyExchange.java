package io.microspring.gateway.handler;

import java.net.InetSocketAddress;
import java.util.Map;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A proxied request that came through WebFlux: its {@link ServerWebExchange}. */
final class WebFluxProxyExchange implements ProxyExchange {

    private final ServerHttpRequest request;
    private final ServerHttpResponse response;

    WebFluxProxyExchange(ServerWebExchange exchange) {
        this.request = exchange.getRequest();
        this.response = exchange.getResponse();
    }

    @Override
    public String method() {
        return request.getMethod().name();
    }

    @Override
    public HttpHeaders headers() {
        return request.getHeaders();
    }

    @Override
    public Iterable<Map.Entry<String, String>> headerLines() {
        return request.getHeaders().headerSet().stream()
                .flatMap(header -> header.getValue().stream().map(value -> Map.entry(header.getKey(), value)))
                .toList();
    }

    @Override
    public String rawQuery() {
        return request.getURI().getRawQuery();
    }

    @Override
    public String scheme() {
        String scheme = request.getURI().getScheme();
        return scheme == null ? "http" : scheme;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return request.getRemoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return request.getLocalAddress();
    }

    @Override
    public Flux<ByteBuf> body() {
        return request.getBody().map(NettyDataBufferFactory::toByteBuf);
    }

    @Override
    public boolean isCommitted() {
        return response.isCommitted();
    }

    @Override
    public void status(int code) {
        response.setStatusCode(HttpStatusCode.valueOf(code));
    }

    @Override
    public HttpHeaders responseHeaders() {
        return response.getHeaders();
    }

    @Override
    public Mono<Void> send(Publisher<ByteBuf> body) {
        NettyDataBufferFactory buffers = (NettyDataBufferFactory) response.bufferFactory();
        return response.writeWith(body instanceof Mono<ByteBuf> whole ? whole.map(buffers::wrap)
                : Flux.from(body).map(buffers::wrap));
    }
}
