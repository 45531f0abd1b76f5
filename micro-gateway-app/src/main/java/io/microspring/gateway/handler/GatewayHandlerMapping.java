package io.microspring.gateway.handler;

import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import reactor.core.publisher.Mono;

/**
 * Gives every request to the gateway (or the sidecar) except those under the actuator's base path,
 * before any other mapping is asked: a gateway request costs one prefix check, not a walk through
 * the actuator's and WebFlux's mappings.
 */
public final class GatewayHandlerMapping implements HandlerMapping, Ordered {

    private final Mono<Object> gateway;
    private final String actuatorPath;

    /** Mapping to {@code gateway} every path but {@code actuatorPath} ({@code /actuator}) and below it. */
    public GatewayHandlerMapping(WebHandler gateway, String actuatorPath) {
        this.gateway = Mono.just(gateway);
        this.actuatorPath = actuatorPath.endsWith("/") ? actuatorPath.substring(0, actuatorPath.length() - 1)
                : actuatorPath;
    }

    @Override
    public Mono<Object> getHandler(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        boolean actuator = path.startsWith(actuatorPath)
                && (path.length() == actuatorPath.length() || path.charAt(actuatorPath.length()) == '/');
        return actuator ? Mono.empty() : gateway;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
