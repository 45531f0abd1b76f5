package io.microspring.web;

import java.util.function.Function;

import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import io.microspring.errors.MicroException;
import io.microspring.gateway.handler.Exchanges;
import io.microspring.gateway.handler.RpcEndpoint;
import io.microspring.gateway.route.RequestPath;
import reactor.core.publisher.Mono;

/**
 * Where every micro web request enters. With the dashboard on, {@code /}, {@code /registry},
 * {@code /client}, their stylesheet and script, and {@code POST /rpc} are the dashboard's; every
 * other path goes to the web proxy. With {@code micro.web.dashboard.enabled=false} every path but
 * {@code /} goes to the proxy. Failures become go-micro's error JSON with the code as the status.
 */
final class MicroWebHandler implements WebHandler {

    /** The id of errors micro web itself answers with. */
    static final String ID = "go.micro.web";

    private final DashboardPages pages;
    private final DashboardAssets assets;
    private final RpcEndpoint rpc;
    private final WebProxy proxy;

    /** A handler with the dashboard; {@code pages}, {@code assets} and {@code rpc} are null without it. */
    MicroWebHandler(DashboardPages pages, DashboardAssets assets, RpcEndpoint rpc, WebProxy proxy) {
        this.pages = pages;
        this.assets = assets;
        this.rpc = rpc;
        this.proxy = proxy;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        return Mono.defer(() -> serve(exchange))
                .onErrorResume(error -> exchange.getResponse().isCommitted() ? Mono.error(error)
                        : Exchanges.error(exchange, Exchanges.toMicroException(error)));
    }

    private Mono<Void> serve(ServerWebExchange exchange) {
        String rawPath = exchange.getRequest().getPath().pathWithinApplication().value();
        if (pages != null) {
            Mono<Void> dashboard = switch (rawPath) {
                case "/", "" -> page(exchange, pages::home);
                case "/registry" -> page(exchange, pages::registry);
                case "/client" -> page(exchange, pages::client);
                case "/rpc" -> rpc.handle(exchange);
                default -> assets.serves(rawPath) ? assets.serve(exchange, rawPath) : null;
            };
            if (dashboard != null) {
                return dashboard;
            }
        }
        RequestPath path = RequestPath.parse(rawPath);
        if (path.segments().isEmpty()) {
            return Mono.error(MicroException.notFound(ID, "no web app at /: web apps are served at /<app>/, "
                    + "for example /greeter/ for go.micro.web.greeter"));
        }
        return proxy.handle(exchange, path);
    }

    private static Mono<Void> page(ServerWebExchange exchange, Function<ServerWebExchange, Mono<Void>> page) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return Mono.error(MicroException.methodNotAllowed(ID, "%s takes GET, not %s",
                    exchange.getRequest().getPath().value(), method));
        }
        return page.apply(exchange);
    }
}
