package io.microspring.web;

import java.util.Map;

import org.springframework.web.server.ServerWebExchange;

import io.microspring.errors.MicroException;
import io.microspring.gateway.handler.RpcEndpoint;
import io.microspring.gateway.handler.RpcHandler;
import reactor.core.publisher.Mono;

/**
 * {@code /client/stream?service=S&endpoint=E} as a websocket: the call form's streams, through the
 * gateway's stream bridge. Each text frame the browser sends is one request message, each message
 * of the stream comes back as one text frame, a stream error as go-micro's error JSON in the last
 * one. The services it may reach are those {@code POST /rpc} may call.
 */
final class CallStream {

    private final RpcHandler streams;
    private final RpcEndpoint rpc;

    CallStream(RpcHandler streams, RpcEndpoint rpc) {
        this.streams = streams;
        this.rpc = rpc;
    }

    /** Opens the stream the query names. */
    Mono<Void> handle(ServerWebExchange exchange) {
        var query = exchange.getRequest().getQueryParams();
        String service = query.getFirst("service") == null ? "" : query.getFirst("service").strip();
        String endpoint = query.getFirst("endpoint") == null ? "" : query.getFirst("endpoint").strip();
        if (!"websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
            return Mono.error(MicroException.badRequest(MicroWebHandler.ID, "/client/stream opens a websocket; "
                    + "call other endpoints with POST /rpc"));
        }
        if (service.isEmpty() || endpoint.isEmpty()) {
            return Mono.error(MicroException.badRequest(MicroWebHandler.ID, "/client/stream needs service and "
                    + "endpoint in its query, for example ?service=go.micro.srv.greeter&endpoint=Say.Stream"));
        }
        rpc.requireAllowed(service);
        return streams.handle(exchange, service, endpoint, Map.of());
    }
}
