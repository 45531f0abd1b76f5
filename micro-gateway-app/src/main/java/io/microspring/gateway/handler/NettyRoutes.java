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
import io.netty.util.concurrent.FastThreadLocal;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The gateway's unary RPC, api and plain proxied requests served on Reactor Netty, ahead of
 * WebFlux: {@code POST /rpc}, a {@code POST} the rpc handler serves and a request (but
 * {@code HEAD}) the api or the http (proxy) handler serves (their path resolved in the namespace,
 * or routed by an endpoint's declaration, to a service the index knows). They skip what WebFlux
 * spends on every request (the exchange, the URI parse, the filter chain, the response commit)
 * and answer exactly as the {@link GatewayWebHandler} would: the same handlers, {@link EdgeAuth},
 * body limit, error JSON, access log line and {@code micro.api.requests} timer.
 *
 * <p>Each request is routed once: the route's predicate routes it and hands the result to the
 * route's handler, which Reactor Netty calls right after it on the same thread, through a
 * thread-local.
 *
 * <p>Everything else goes on to WebFlux: other methods, the actuator, websocket upgrades,
 * request targets that are not a plain origin-form path, paths another handler serves, and
 * services the index does not know yet (which may refresh it, and answer a 404). Not registered
 * while CORS is configured, WebFlux serves under a base path or {@code http.server.requests} is
 * observed: WebFlux's filters do those.
 */
public final class NettyRoutes implements NettyRouteProvider {

    private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);
    private static final String RPC_PATH = "/rpc";
    /** The request the predicate last admitted on this thread, routed, for the handler called next. */
    private static final FastThreadLocal<Routed> ADMITTED = new FastThreadLocal<>();

    private final GatewayWebHandler gateway;
    private final RequestLog log;
    private final ActuatorPath actuator;

    /**
     * Serving the unary RPC, api and proxied requests {@code gateway} would serve, logged to
     * {@code log}; never those under {@code actuatorPath}.
     */
    public NettyRoutes(GatewayWebHandler gateway, RequestLog log, String actuatorPath) {
        this.gateway = gateway;
        this.log = log;
        this.actuator = new ActuatorPath(actuatorPath);
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(this::serves, this::serve);
    }

    /** Whether the request is one this serves, routed for {@link #serve}; the rest go on to WebFlux. */
    private boolean serves(HttpServerRequest request) {
        Routed routed = route(request);
        if (routed == null) {
            return false;
        }
        ADMITTED.set(routed);
        return true;
    }

    /** The request routed, when this serves it; else {@code null}. */
    private Routed route(HttpServerRequest request) {
        String method = request.method().name();
        if (method.equals(HttpMethod.HEAD.name()) || request.requestHeaders().contains(HttpHeaders.UPGRADE)) {
            return null;
        }
        RequestTarget target = RequestTarget.of(request.uri()).orElse(null);
        if (target == null || actuator.contains(target.path())) {
            return null;
        }
        boolean post = method.equals(HttpMethod.POST.name());
        if (post && isRpcEndpoint(target)) {
            return new Routed(request, target, null, null);
        }
        try {
            RequestPath path = RequestPath.parse(target.path());
            String host = request.requestHeaders().get(HttpHeaders.HOST);
            Target routed = gateway.router().target(method, host == null ? "" : host, path);
            boolean served = (routed.isRpc() && post || routed.isProxy() || routed.isApi())
                    && (!routed.mustBeKnown() || gateway.index().knows(routed.service()));
            return served ? new Routed(request, target, path, routed) : null;
        } catch (RuntimeException unresolved) { // an invalid path, or none naming a service: WebFlux answers it
            return null;
        }
    }

    private Mono<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        long start = System.nanoTime();
        Routed routed = takeRouted(request);
        HttpHeaders headers = new HttpHeaders(new Netty4HeadersAdapter(request.requestHeaders()));
        Outcome outcome = new Outcome();
        return Mono.defer(() -> routed.destination() == null
                ? rpcEndpoint(request, response, routed.target(), headers, outcome)
                : admitted(request, response, routed, headers, outcome))
                .onErrorResume(error -> response.hasSentHeaders() ? Mono.error(error)
                        : error(response, Exchanges.toMicroException(error)))
                .doFinally(signal -> log.record(request.method().name(), routed.target().path(),
                        Optional.ofNullable(outcome.destination), RequestLog.status(signal, response.status().code()),
                        start));
    }

    /**
     * What the predicate routed for {@code request}: Reactor Netty calls the handler right after
     * the predicate that admitted the request, on the same thread; routed anew were it ever another.
     */
    private Routed takeRouted(HttpServerRequest request) {
        Routed routed = ADMITTED.get();
        ADMITTED.remove();
        return routed != null && routed.request() == request ? routed : route(request);
    }

    private Mono<Void> rpcEndpoint(HttpServerRequest request, HttpServerResponse response, RequestTarget target,
            HttpHeaders headers, Outcome outcome) {
        RpcEndpoint endpoint = gateway.rpcEndpoint().orElseThrow();
        return endpoint.call(HttpMethod.POST, headers, target.query(),
                body(request, headers, endpoint.maxBodySize()), destination -> outcome.destination = destination)
                .flatMap(answer -> write(response, 200, JsonCodec.CONTENT_TYPE, answer));
    }

    /** A request of the rpc, api or http (proxy) handler, served once {@link EdgeAuth} admitted it. */
    private Mono<Void> admitted(HttpServerRequest request, HttpServerResponse response, Routed routed,
            HttpHeaders headers, Outcome outcome) {
        Target target = routed.destination();
        outcome.destination = target.isProxy() ? ProxyHandler.destination(target.service())
                : new Destination(target.handler(), target.service(), target.endpoint());
        return gateway.auth().admit(headers, target.service(), target.resource(routed.path()),
                () -> {
                    if (target.isProxy()) {
                        return gateway.handlers().proxy().handle(
                                new NettyProxyExchange(request, response, headers, routed.target().query()),
                                target.service(), routed.path());
                    }
                    return target.isApi() ? apiHandler(request, response, routed, headers)
                            : rpcHandler(request, response, routed, headers);
                });
    }

    private Mono<Void> apiHandler(HttpServerRequest request, HttpServerResponse response, Routed routed,
            HttpHeaders headers) {
        Target target = routed.destination();
        ApiHandler api = gateway.handlers().api();
        ApiCall call = ApiCall.of(request.method().name(), routed.target(), headers, request.remoteAddress());
        HttpHeaders responseHeaders = new HttpHeaders(new Netty4HeadersAdapter(response.responseHeaders()));
        return api.call(call, body(request, headers, api.maxBodySize()), target.service(), target.endpoint(),
                responseHeaders)
                .flatMap(answer -> response.status(answer.status()).sendByteArray(Mono.just(answer.body())).then());
    }

    private Mono<Void> rpcHandler(HttpServerRequest request, HttpServerResponse response, Routed routed,
            HttpHeaders headers) {
        Target target = routed.destination();
        RpcHandler rpc = gateway.handlers().rpc();
        return rpc.call(request.method().name(), headers, routed.target().query(),
                body(request, headers, rpc.maxBodySize()), target.service(), target.endpoint(), target.variables())
                .flatMap(answer -> {
                    if (answer.isEmpty()) {
                        response.status(204);
                        return Mono.empty();
                    }
                    return write(response, 200, answer.contentType(), answer.body());
                });
    }

    private boolean isRpcEndpoint(RequestTarget target) {
        return gateway.rpcEndpoint().isPresent() && target.path().equals(RPC_PATH);
    }

    private static Mono<byte[]> body(HttpServerRequest request, HttpHeaders headers, BodyLimit limit) {
        return Exchanges.body(headers, request.receive().retain().map(BUFFERS::wrap), limit);
    }

    /** Answers with the error JSON, dropping the headers set so far as {@link Exchanges#error} does. */
    private static Mono<Void> error(HttpServerResponse response, MicroException error) {
        Exchanges.dropHeadersForError(new HttpHeaders(new Netty4HeadersAdapter(response.responseHeaders())));
        return write(response, Exchanges.statusOf(error), Exchanges.ERROR_TYPE, Exchanges.errorBody(error));
    }

    /** Answers as {@link Exchanges#write} does, in one write of the headers and the body. */
    private static Mono<Void> write(HttpServerResponse response, int status, String contentType, byte[] body) {
        response.status(status)
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .header(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
        return response.sendByteArray(Mono.just(body)).then();
    }

    /**
     * A request this serves, routed: its target and, but for {@code /rpc}, its path and where the
     * router sends it.
     *
     * @param request the request routed
     * @param target its request target
     * @param path its path, {@code null} for {@code /rpc}
     * @param destination the handler and service it goes to, {@code null} for {@code /rpc}
     */
    private record Routed(HttpServerRequest request, RequestTarget target, RequestPath path, Target destination) {
    }

    /** Where the request went, for the access log and the timer (set on the server's event loop or the client's). */
    private static final class Outcome {
        private volatile Destination destination;
    }
}
