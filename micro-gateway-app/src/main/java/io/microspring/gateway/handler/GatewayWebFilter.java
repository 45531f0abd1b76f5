package io.microspring.gateway.handler;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebHandler;

import reactor.core.publisher.Mono;

/**
 * Serves gateway requests from the web filter chain, after the access log and CORS filters and
 * ahead of WebFlux's dispatcher: a request outside the actuator's base path goes straight to the
 * gateway, without the dispatcher's walk through its handler mappings, its handler adapter and its
 * result handling, which cost a share of every call. Actuator requests continue down the chain.
 */
public final class GatewayWebFilter implements WebFilter, Ordered {

    /** After the access log ({@code HIGHEST_PRECEDENCE}) and CORS ({@code HIGHEST_PRECEDENCE + 1}). */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    private final WebHandler gateway;
    private final ActuatorPath actuator;

    /** Giving {@code gateway} every path but {@code actuatorPath} ({@code /actuator}) and below it. */
    public GatewayWebFilter(WebHandler gateway, String actuatorPath) {
        this.gateway = gateway;
        this.actuator = new ActuatorPath(actuatorPath);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return actuator.contains(exchange.getRequest().getPath().pathWithinApplication().value())
                ? chain.filter(exchange) : gateway.handle(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
