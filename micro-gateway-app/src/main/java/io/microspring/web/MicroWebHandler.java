package io.microspring.web;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import io.microspring.errors.MicroException;
import io.microspring.gateway.handler.Exchanges;
import io.microspring.gateway.handler.RpcEndpoint;
import io.microspring.gateway.route.RequestPath;
import reactor.core.publisher.Mono;

/**
 * Where every micro web request enters. With the dashboard on, the {@link #DASHBOARD_PATHS} are
 * the dashboard's ({@code /}, {@code /registry}, {@code /registry/events}, {@code /client},
 * {@code /client/stream}, {@code /terminal}, {@code /stats}, the stylesheet and script, and
 * {@code POST /rpc}); every other path goes to the web proxy. With
 * {@code micro.web.dashboard.enabled=false} every path but {@code /} goes to the proxy. A post or a
 * websocket a page of another site sends to the dashboard is refused. Failures become go-micro's
 * error JSON with the code as the status.
 */
final class MicroWebHandler implements WebHandler {

    /** The id of errors micro web itself answers with. */
    static final String ID = "go.micro.web";

    private static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

    /** The paths the dashboard serves; every other path but {@code /} belongs to the web apps. */
    static final List<String> DASHBOARD_PATHS = List.of("/", "/registry", "/registry/events", "/client",
            "/client/stream", "/terminal", "/stats", "/rpc", DashboardAssets.STYLESHEET, DashboardAssets.SCRIPT);

    private final Optional<Dashboard> dashboard;
    private final WebProxy proxy;

    /** A handler serving {@code dashboard} when present, and {@code proxy}. */
    MicroWebHandler(Optional<Dashboard> dashboard, WebProxy proxy) {
        this.dashboard = dashboard;
        this.proxy = proxy;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        return Exchanges.answeringErrors(exchange, () -> serve(exchange));
    }

    private Mono<Void> serve(ServerWebExchange exchange) {
        String rawPath = exchange.getRequest().getPath().pathWithinApplication().value();
        if (dashboard.isPresent()) {
            Dashboard served = dashboard.get();
            if (DASHBOARD_PATHS.contains(rawPath) && crossSiteAction(exchange)) {
                return Mono.error(MicroException.forbidden(ID, "%s takes posts and streams from micro web's own pages "
                        + "or from scripts, not from a page of another site", rawPath));
            }
            Mono<Void> page = switch (rawPath) {
                case "/", "" -> page(exchange, served.pages()::home);
                case "/registry" -> page(exchange, served.pages()::registry);
                case "/registry/events" -> page(exchange, served.feed()::handle);
                case "/client" -> page(exchange, served.pages()::client);
                case "/client/stream" -> page(exchange, served.stream()::handle);
                case "/terminal" -> served.terminal().handle(exchange);
                case "/stats" -> page(exchange, served.stats()::handle);
                case "/rpc" -> served.rpc().handle(exchange);
                default -> served.assets().serves(rawPath) ? served.assets().serve(exchange, rawPath) : null;
            };
            if (page != null) {
                return page;
            }
        }
        RequestPath path = RequestPath.parse(rawPath);
        if (path.segments().isEmpty()) {
            return Mono.error(MicroException.notFound(ID, "no web app at /: web apps are served at /<app>/, "
                    + "for example /greeter/ for go.micro.web.greeter"));
        }
        return proxy.handle(exchange, path);
    }

    /**
     * Whether a browser sends a post or opens a websocket for a page of another site
     * ({@code Sec-Fetch-Site: cross-site}): a forged terminal line or call, which a browser holding
     * the dashboard's login would otherwise send with it. Links from other sites still open pages.
     */
    private static boolean crossSiteAction(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        HttpMethod method = exchange.getRequest().getMethod();
        boolean action = !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)
                || "websocket".equalsIgnoreCase(headers.getUpgrade());
        return action && "cross-site".equalsIgnoreCase(headers.getFirst(SEC_FETCH_SITE));
    }

    private static Mono<Void> page(ServerWebExchange exchange, Function<ServerWebExchange, Mono<Void>> page) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return Mono.error(MicroException.methodNotAllowed(ID, "%s takes GET, not %s",
                    exchange.getRequest().getPath().value(), method));
        }
        return page.apply(exchange);
    }

    /**
     * The dashboard's parts.
     *
     * @param pages the HTML and JSON pages
     * @param feed the registry's changes as server-sent events
     * @param assets the stylesheet and script
     * @param rpc {@code POST /rpc}
     * @param stream the call form's streams
     * @param terminal the shell in the browser
     * @param stats each node's health and figures
     */
    record Dashboard(DashboardPages pages, RegistryFeed feed, DashboardAssets assets, RpcEndpoint rpc,
            CallStream stream, TerminalPage terminal, StatsPage stats) {
    }
}
