package io.microspring.gateway.handler;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.errors.MicroException;
import io.microspring.registry.Node;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;

/**
 * Proxies a websocket: the gateway first opens the websocket to the node (offering the client's
 * subprotocols), and only once the node accepted does it accept the client's upgrade, so a node
 * that refuses is answered with a 502 error the client can read. Then messages flow both ways
 * until either side closes, and the close status is passed on.
 */
final class WebSocketProxy {

    private static final String SUBPROTOCOL = "Sec-WebSocket-Protocol";

    private final ReactorNettyWebSocketClient client;
    private final WebSocketService upgrades = new HandshakeWebSocketService();

    WebSocketProxy(HttpClient http) {
        this.client = new ReactorNettyWebSocketClient(http);
    }

    /** Whether the request asks to become a websocket. */
    static boolean isUpgrade(ServerHttpRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
    }

    /**
     * Proxies the websocket {@code exchange} asks for ({@code proxied} is its neutral view) to
     * {@code pathAndQuery} of {@code node} of {@code service}.
     */
    Mono<Void> proxy(ServerWebExchange exchange, ProxyExchange proxied, String service, Node node,
            String pathAndQuery) {
        HttpHeaders headers = new HttpHeaders();
        ProxyHandler.forwardHeaders(proxied, (name, value) -> {
            if (!name.regionMatches(true, 0, "Sec-WebSocket-", 0, 14)) {
                headers.add(name, value);
            }
        });
        List<String> subprotocols = proxied.headers().getOrEmpty(SUBPROTOCOL).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(protocol -> !protocol.isEmpty())
                .toList();
        URI uri = URI.create("ws://" + node.address() + pathAndQuery);
        return client.execute(uri, headers, new WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return subprotocols;
            }

            @Override
            public Mono<Void> handle(WebSocketSession nodeSession) {
                // the upgrade completes once the client is switched; the bridge runs until a side closes
                Sinks.Empty<Void> bridged = Sinks.empty();
                return upgrades.handleRequest(exchange, new Bridge(nodeSession, bridged)).then(bridged.asMono());
            }
        }).onErrorMap(WebSocketClientHandshakeException.class, e -> new MicroException(Exchanges.API_ID, 502,
                "service " + service + " refused the websocket: " + e.response().status()));
    }

    /** Relays messages between the client's session and the node's, then signals {@code bridged}. */
    private record Bridge(WebSocketSession node, Sinks.Empty<Void> bridged) implements WebSocketHandler {

        @Override
        public List<String> getSubProtocols() {
            String chosen = node.getHandshakeInfo().getSubProtocol();
            return chosen == null ? List.of() : List.of(chosen);
        }

        @Override
        public Mono<Void> handle(WebSocketSession client) {
            Mono<Void> toNode = node.send(client.receive().doOnNext(WebSocketMessage::retain))
                    .then(Mono.defer(() -> closeWith(node, client)));
            Mono<Void> toClient = client.send(node.receive().doOnNext(WebSocketMessage::retain))
                    .then(Mono.defer(() -> closeWith(client, node)));
            return Mono.when(toNode, toClient).doFinally(signal -> bridged.tryEmitEmpty());
        }

        private static Mono<Void> closeWith(WebSocketSession open, WebSocketSession closed) {
            return closed.closeStatus().defaultIfEmpty(CloseStatus.NORMAL).flatMap(open::close);
        }
    }
}
