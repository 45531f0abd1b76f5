package io.microspring.gateway.handler;

import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import reactor.core.publisher.Mono;

/**
 * Gives every request to one handler (the sidecar's, the web dashboard's) except those under the
 * actuator's base path, before any other mapping is asked: a request costs one prefix check, not a
 * walk through the actuator's and WebFlux's mappings. The gateway goes further, see
 * {@link GatewayWebFilter}.
 */
public final class GatewayHandlerMapping implements HandlerMapping, Ordered {

    private final Mono<Object> gateway;
    private final ActuatorPath actuator;

    /** Mapping to {@code gateway} every path but {@code actuatorPath} ({@code /actuator}) and below it. */
    public GatewayHandlerMapping(WebHandler gateway, String actuatorPath) {
        this.gateway = Mono.just(gateway);
        this.actuator = new ActuatorPath(actuatorPath);
    }

    @Override
    public Mono<Object> getHandler(ServerWebExchange exchange) {
        return actuator.contains(exchange.getRequest().getPath().pathWithinApplication().value()) ? Mono.empty()
                : gateway;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
