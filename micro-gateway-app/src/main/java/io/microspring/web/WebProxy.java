package io.microspring.web;

import java.net.URI;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.errors.MicroException;
import io.microspring.gateway.handler.ProxyHandler;
import io.microspring.gateway.route.Namespace;
import io.microspring.gateway.route.RequestPath;
import io.microspring.registry.Registry;
import reactor.core.publisher.Mono;

/**
 * micro web's reverse proxy, as micro v1's: {@code /greeter/css/app.css} goes to a node of
 * {@code go.micro.web.greeter} as {@code /css/app.css}, the stripped prefix in
 * {@value #BASE_PATH_HEADER} so the app can write its links; the gateway's {@link ProxyHandler}
 * does the rest (X-Forwarded-*, streamed bodies, websockets, retries). {@code GET /greeter} is
 * redirected to {@code /greeter/}, so that the app's relative links resolve under its prefix.
 */
final class WebProxy {

    /** The header holding the path prefix the app is served under, {@code /greeter}. */
    static final String BASE_PATH_HEADER = "X-Micro-Web-Base-Path";

    private final Namespace namespace;
    private final Registry registry;
    private final ProxyHandler proxy;

    WebProxy(Namespace namespace, Registry registry, ProxyHandler proxy) {
        this.namespace = namespace;
        this.registry = registry;
        this.proxy = proxy;
    }

    /** Proxies {@code path}, which has at least one segment, to the web app its first segment names. */
    Mono<Void> handle(ServerWebExchange exchange, RequestPath path) {
        String rawApp = path.raw().substring(1).split("/", 2)[0];
        String service = namespace.join(path.segments().get(0));
        String prefix = "/" + rawApp;
        RequestPath rest = RequestPath.parse(path.raw().substring(prefix.length()));
        return registry.lookup(service).flatMap(versions -> {
            if (versions.isEmpty()) {
                return Mono.error(MicroException.notFound(MicroWebHandler.ID, "no web app at %s: service %s is not "
                        + "registered (namespace %s)", prefix, service, namespace));
            }
            String requested = exchange.getRequest().getPath().pathWithinApplication().value();
            if (HttpMethod.GET.equals(exchange.getRequest().getMethod()) && requested.equals(prefix)) {
                return redirect(exchange, prefix + "/");
            }
            ServerWebExchange forwarded = exchange.mutate()
                    .request(request -> request.headers(headers -> headers.set(BASE_PATH_HEADER, prefix)))
                    .build();
            return proxy.handle(forwarded, service, rest);
        });
    }

    private static Mono<Void> redirect(ServerWebExchange exchange, String location) {
        String query = exchange.getRequest().getURI().getRawQuery();
        exchange.getResponse().setStatusCode(HttpStatus.MOVED_PERMANENTLY);
        exchange.getResponse().getHeaders().setLocation(URI.create(query == null ? location : location + "?" + query));
        return exchange.getResponse().setComplete();
    }
}
