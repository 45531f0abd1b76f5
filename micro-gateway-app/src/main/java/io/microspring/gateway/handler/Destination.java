package io.microspring.gateway.handler;

import java.util.Optional;

import org.springframework.web.server.ServerWebExchange;

/**
 * Where a request went: the handler that served it and, once resolved, the service and endpoint
 * (for the proxy the endpoint is empty, for events it is the event name). Kept on the exchange for
 * the access log and the metrics.
 *
 * @param handler {@code rpc}, {@code api}, {@code http}, {@code event} or {@code /rpc}
 * @param service the service (or topic) the request went to
 * @param endpoint the endpoint, empty when there is none
 */
public record Destination(String handler, String service, String endpoint) {

    private static final String ATTRIBUTE = Destination.class.getName();

    /** Records where {@code exchange} goes. */
    public void recordOn(ServerWebExchange exchange) {
        exchange.getAttributes().put(ATTRIBUTE, this);
    }

    /** Where {@code exchange} went, if it got that far. */
    public static Optional<Destination> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }
}
