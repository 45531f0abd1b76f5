package io.microspring.web;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.gateway.handler.Exchanges;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * How every dashboard page answers: its model as JSON when asked with {@code Accept: application/json}
 * or {@code ?format=json}, as micro web did, and as HTML otherwise.
 */
final class PageAnswer {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private PageAnswer() {
    }

    /** Answers {@code model} as JSON, or as the page {@code html} renders. */
    static Mono<Void> answer(ServerWebExchange exchange, Object model, Supplier<String> html) {
        if (wantsJson(exchange)) {
            return Exchanges.write(exchange, 200, "application/json", MAPPER.writeValueAsBytes(model));
        }
        return Exchanges.write(exchange, 200, "text/html;charset=utf-8", html.get().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the request asks for JSON rather than HTML. */
    static boolean wantsJson(ServerWebExchange exchange) {
        if ("json".equals(exchange.getRequest().getQueryParams().getFirst("format"))) {
            return true;
        }
        String accept = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }
}
