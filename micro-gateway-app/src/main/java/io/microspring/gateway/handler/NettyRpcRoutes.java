package io.microspring.gateway.handler;

import java.util.Optional;

import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.support.Netty4HeadersAdapter;

import io.microspring.codec.json.JsonCodec;
import io.microspring.errors.MicroException;
import io.microspring.gateway.edge.RequestLog;
import io.microspring.gateway.handler.RequestRouter.Target;
import io.microspring.gateway.route.RequestPath;
import io.netty.buffer.ByteBufAllocator;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The gateway's unary RPC requests served on Reactor Netty, ahead of WebFlux: {@code POST /rpc}
 * and a {@code POST} the rpc handler serves (its path resolved in the namespace, or routed by an
 * endpoint's declaration, to a service the index knows). They skip what WebFlux spends on every
 * request (the exchange, the URI parse, the filter chain, the response commit) and answer exactly
 * as the {@link GatewayWebHandler} would: the same handlers, {@link EdgeAuth}, body limit, error
 * JSON, access log line and {@code micro.api.requests} timer.
 *
 * <p>Everything else goes on to WebFlux: other methods, the actuator, websocket upgrades,
 * request targets that are not a plain origin-form path, paths another handler serves, and
 * services the index does not know yet (which may refresh it, and answer a 404). Not registered
 * while CORS is configured, WebFlux serves under a base path or {@code http.server.requests} is
 * observed: WebFlux's filters do those.
 */
public final class NettyRpcRoutes implements NettyRouteProvider {

    private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);
    private static final String RPC_PATH = "/rpc";

    private final GatewayWebHandler gateway;
    private final RequestLog log;
    private final ActuatorPath actuator;

    /**
     * Serving the unary RPC requests {@code gateway} would serve, logged to {@code log}; never those
     * under {@code actuatorPath}.
     */
    public NettyRpcRoutes(GatewayWebHandler gateway, RequestLog log, String actuatorPath) {
        this.gateway = gateway;
        this.log = log;
        this.actuator = new ActuatorPath(actuatorPath);
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(this::serves, this::serve);
    }

    /** Whether the request is one this serves; the rest go on to WebFlux. */
    private boolean serves(HttpServerRequest request) {
        if (!HttpMethod.POST.name().equals(request.method().name())
                || request.requestHeaders().contains(HttpHeaders.UPGRADE)) {
            return false;
        }
        RequestTarget target = RequestTarget.of(request.uri()).orElse(null);
        if (target == null || actuator.contains(target.path())) {
            return false;
        }
        if (isRpcEndpoint(target)) {
            return true;
        }
        try {
            Target routed = route(request, RequestPath.parse(target.path()));
            return routed.isRpc() && (!routed.mustBeKnown() || gateway.index().knows(routed.service()));
        } catch (RuntimeException unresolved) { // an invalid path, or none naming a service: WebFlux answers it
            return false;
        }
    }

    private Mono<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        long start = System.nanoTime();
        RequestTarget target = RequestTarget.of(request.uri()).orElseThrow();
        HttpHeaders headers = new HttpHeaders(new Netty4HeadersAdapter(request.requestHeaders()));
        Outcome outcome = new Outcome();
        return Mono.defer(() -> isRpcEndpoint(target) ? rpcEndpoint(request, response, target, headers, outcome)
                : rpcHandler(request, response, target, headers, outcome))
                .onErrorResume(error -> response.hasSentHeaders() ? Mono.error(error)
                        : error(response, Exchanges.toMicroException(error), outcome))
                .doFinally(signal -> log.record(request.method().name(), target.path(),
                        Optional.ofNullable(outcome.destination), RequestLog.status(signal, outcome.status), start));
    }

    private Mono<Void> rpcEndpoint(HttpServerRequest request, HttpServerResponse response, RequestTarget target,
            HttpHeaders headers, Outcome outcome) {
        RpcEndpoint endpoint = gateway.rpcEndpoint().orElseThrow();
        return endpoint.call(HttpMethod.POST, headers, target.query(),
                body(request, headers, endpoint.maxBodySize()), destination -> outcome.destination = destination)
                .flatMap(answer -> write(response, 200, JsonCodec.CONTENT_TYPE, answer));
    }

    private Mono<Void> rpcHandler(HttpServerRequest request, HttpServerResponse response, RequestTarget target,
            HttpHeaders headers, Outcome outcome) {
        RequestPath path = RequestPath.parse(target.path());
        Target routed = route(request, path);
        outcome.destination = new Destination(routed.handler(), routed.service(), routed.endpoint());
        RpcHandler rpc = gateway.handlers().rpc();
        return gateway.auth().admit(headers, routed.service(), routed.resource(path),
                () -> rpc.call(request.method().name(), headers, target.query(),
                        body(request, headers, rpc.maxBodySize()), routed.service(), routed.endpoint(),
                        routed.variables()))
                .flatMap(answer -> {
                    if (answer.isEmpty()) {
                        outcome.status = 204;
                        response.status(204);
                        return Mono.empty();
                    }
                    return write(response, 200, answer.contentType(), answer.body());
                });
    }

    private boolean isRpcEndpoint(RequestTarget target) {
        return gateway.rpcEndpoint().isPresent() && target.path().equals(RPC_PATH);
    }

    private Target route(HttpServerRequest request, RequestPath path) {
        String host = request.requestHeaders().get(HttpHeaders.HOST);
        return gateway.router().target(request.method().name(), host == null ? "" : host, path);
    }

    private static Mono<byte[]> body(HttpServerRequest request, HttpHeaders headers, BodyLimit limit) {
        return Exchanges.body(headers, request.receive().retain().map(BUFFERS::wrap), limit);
    }

    private static Mono<Void> error(HttpServerResponse response, MicroException error, Outcome outcome) {
        outcome.status = Exchanges.statusOf(error);
        return write(response, outcome.status, Exchanges.ERROR_TYPE, Exchanges.errorBody(error));
    }

    /** Answers as {@link Exchanges#write} does, in one write of the headers and the body. */
    private static Mono<Void> write(HttpServerResponse response, int status, String contentType, byte[] body) {
        response.status(status)
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .header(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
        return response.sendByteArray(Mono.just(body)).then();
    }

    /**
     * What the access log and the timer are told: where the request went, and the status answered
     * (set on the server's event loop or the client's, read at the end).
     */
    private static final class Outcome {
        private volatile Destination destination;
        private volatile int status = 200;
    }
}
