package io.microspring.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.web.server.ServerWebExchange;

import io.microspring.gateway.handler.Exchanges;
import reactor.core.publisher.Mono;

/**
 * The dashboard's stylesheet and script, read from the jar once: {@code /dashboard.css} and
 * {@code /dashboard.js}. Nothing comes from a CDN.
 */
final class DashboardAssets {

    /** The stylesheet's path. */
    static final String STYLESHEET = "/dashboard.css";
    /** The script's path. */
    static final String SCRIPT = "/dashboard.js";

    private static final Map<String, String> TYPES = Map.of(
            STYLESHEET, "text/css;charset=utf-8",
            SCRIPT, "text/javascript;charset=utf-8");

    private final Map<String, byte[]> contents;

    DashboardAssets() {
        this.contents = Map.of(STYLESHEET, read("dashboard.css"), SCRIPT, read("dashboard.js"));
    }

    /** Whether {@code path} is one of the assets. */
    boolean serves(String path) {
        return contents.containsKey(path);
    }

    /** Answers the asset at {@code path}. */
    Mono<Void> serve(ServerWebExchange exchange, String path) {
        exchange.getResponse().getHeaders().setCacheControl("max-age=300");
        return Exchanges.write(exchange, 200, TYPES.get(path), contents.get(path));
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks io/microspring/web/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
