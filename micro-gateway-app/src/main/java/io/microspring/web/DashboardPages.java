package io.microspring.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.web.server.ServerWebExchange;

import io.microspring.gateway.route.Namespace;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.Service;
import io.microspring.registry.Value;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The dashboard's registry pages, each a model answered as HTML, or as JSON when asked with
 * {@code Accept: application/json} or {@code ?format=json} ({@link PageAnswer}): {@code /} (the web apps as tiles),
 * {@code /registry} (every service), {@code /registry?service=NAME} (its nodes and endpoints) and
 * {@code /client} (the call form, which sends through {@code POST /rpc}). Every string from the
 * registry is escaped.
 */
final class DashboardPages {

    private final Registry registry;
    private final Namespace namespace;

    DashboardPages(Registry registry, Namespace namespace) {
        this.registry = registry;
        this.namespace = namespace;
    }

    /** {@code /}: a tile for each web app of the namespace, and links to the other pages. */
    Mono<Void> home(ServerWebExchange exchange) {
        String prefix = namespace.join("");
        return services()
                .filter(namespace::contains)
                .flatMapSequential(name -> registry.lookup(name).map(versions -> webApp(name,
                        name.substring(prefix.length()), versions)))
                .collectList()
                .flatMap(apps -> PageAnswer.answer(exchange,
                        new Home(apps, List.of("/registry", "/client", "/terminal", "/stats")),
                        () -> Html.page("Web apps", homeHtml(apps))));
    }

    /** {@code /registry}, or with {@code ?service=NAME} that service's page. */
    Mono<Void> registry(ServerWebExchange exchange) {
        String service = exchange.getRequest().getQueryParams().getFirst("service");
        if (service != null && !service.isBlank()) {
            return registry.lookup(service.strip()).flatMap(versions -> PageAnswer.answer(exchange,
                    new ServicePage(service.strip(), versions),
                    () -> Html.page(service.strip(), serviceHtml(versions))));
        }
        return services()
                .flatMapSequential(name -> registry.lookup(name).map(versions -> summary(name, versions)))
                .collectList()
                .flatMap(services -> PageAnswer.answer(exchange, Map.of("services", services),
                        () -> Html.page("Registry", registryHtml(services))));
    }

    /** {@code /client?service=&endpoint=&request=}: the call form, filled from its permalink. */
    Mono<Void> client(ServerWebExchange exchange) {
        var query = exchange.getRequest().getQueryParams();
        String service = query.getFirst("service") == null ? "" : query.getFirst("service").strip();
        String endpoint = query.getFirst("endpoint") == null ? "" : query.getFirst("endpoint").strip();
        String request = query.getFirst("request");
        Mono<List<Service>> versions = service.isEmpty() ? Mono.just(List.of()) : registry.lookup(service);
        return services().collectList().zipWith(versions).flatMap(found -> {
            List<CallForm.EndpointChoice> endpoints = CallForm.endpoints(found.getT2());
            CallForm form = CallForm.of(found.getT1(), service, endpoints, endpoint, request);
            return PageAnswer.answer(exchange, form, () -> Html.page("Call a service", form.html()));
        });
    }

    /** Every service name, sorted, without repeats. */
    private Flux<String> services() {
        return Mono.fromCallable(registry::listServices)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapIterable(services -> services.stream().map(Service::name).distinct().sorted().toList());
    }

    private static WebApp webApp(String service, String app, List<Service> versions) {
        String icon = versions.stream().flatMap(version -> version.nodes().stream())
                .map(node -> node.metadata().getOrDefault("icon", ""))
                .filter(value -> !value.isBlank())
                .findFirst().orElse("");
        return new WebApp(app, service, "/" + app + "/", icon);
    }

    private static ServiceSummary summary(String name, List<Service> versions) {
        return new ServiceSummary(name, versions.stream().map(Service::version).distinct().toList(),
                versions.stream().mapToInt(version -> version.nodes().size()).sum());
    }

    private static String homeHtml(List<WebApp> apps) {
        StringBuilder html = new StringBuilder();
        if (apps.isEmpty()) {
            html.append("<p class=\"empty\">No web apps are registered.</p>\n");
        }
        html.append("<ul class=\"tiles\">\n");
        for (WebApp app : apps) {
            html.append("<li><a class=\"tile\" href=\"").append(Html.escape(app.url())).append("\">");
            if (!app.icon().isEmpty()) {
                html.append("<img src=\"").append(Html.escape(app.icon())).append("\" alt=\"\">");
            }
            html.append("<span>").append(Html.escape(app.name())).append("</span></a></li>\n");
        }
        html.append("</ul>\n<p><a href=\"/registry\">Registry</a> · <a href=\"/client\">Call a service</a> · "
                + "<a href=\"/terminal\">Terminal</a> · <a href=\"/stats\">Stats</a></p>\n");
        return html.toString();
    }

    private static String registryHtml(List<ServiceSummary> services) {
        StringBuilder html = new StringBuilder("<table class=\"services\">\n<thead><tr><th>Service</th>"
                + "<th>Versions</th><th>Nodes</th></tr></thead>\n<tbody>\n");
        for (ServiceSummary service : services) {
            html.append("<tr><td><a href=\"/registry?service=")
                    .append(Html.escape(Html.query(service.name()))).append("\">")
                    .append(Html.escape(service.name())).append("</a></td><td>")
                    .append(Html.escape(String.join(", ", service.versions()))).append("</td><td>")
                    .append(service.nodes()).append("</td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n").toString();
    }

    private static String serviceHtml(List<Service> versions) {
        if (versions.isEmpty()) {
            return "<p class=\"empty\">This service is not registered.</p>\n";
        }
        StringBuilder html = new StringBuilder();
        for (Service version : versions) {
            html.append("<section class=\"version\">\n<h2>Version ").append(Html.escape(version.version()))
                    .append("</h2>\n").append(metadataHtml(version.metadata()))
                    .append("<h3>Nodes</h3>\n<table class=\"nodes\">\n<thead><tr><th>Id</th><th>Address</th>"
                            + "<th>Metadata</th></tr></thead>\n<tbody>\n");
            for (Node node : version.nodes()) {
                html.append("<tr><td>").append(Html.escape(node.id())).append("</td><td>")
                        .append(Html.escape(node.address())).append("</td><td>").append(metadataHtml(node.metadata()))
                        .append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n<h3>Endpoints</h3>\n");
            List<Endpoint> endpoints = new ArrayList<>(version.endpoints());
            endpoints.sort(Comparator.comparing(Endpoint::name));
            for (Endpoint endpoint : endpoints) {
                html.append("<div class=\"endpoint\">\n<h4>").append(Html.escape(endpoint.name()))
                        .append(" <a class=\"call\" href=\"/client?service=")
                        .append(Html.escape(Html.query(version.name()))).append("&amp;endpoint=")
                        .append(Html.escape(Html.query(endpoint.name()))).append("\">call</a></h4>\n")
                        .append("<div class=\"fields\"><div><h5>Request</h5>").append(fieldsHtml(endpoint.request()))
                        .append("</div><div><h5>Response</h5>").append(fieldsHtml(endpoint.response()))
                        .append("</div></div>\n").append(metadataHtml(endpoint.metadata())).append("</div>\n");
            }
            html.append("</section>\n");
        }
        return html.toString();
    }

    private static String fieldsHtml(Value value) {
        if (value == null) {
            return "<p class=\"empty\">not described</p>";
        }
        StringBuilder html = new StringBuilder("<p class=\"type\">").append(Html.escape(value.type())).append("</p>");
        appendFields(html, value.values());
        return html.toString();
    }

    private static void appendFields(StringBuilder html, List<Value> values) {
        if (values.isEmpty()) {
            return;
        }
        html.append("<ul class=\"tree\">");
        for (Value field : values) {
            html.append("<li><span class=\"field\">").append(Html.escape(field.name()))
                    .append("</span> <span class=\"type\">").append(Html.escape(field.type())).append("</span>");
            appendFields(html, field.values());
            html.append("</li>");
        }
        html.append("</ul>");
    }

    private static String metadataHtml(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<dl class=\"metadata\">");
        metadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                html.append("<dt>").append(Html.escape(entry.getKey())).append("</dt><dd>")
                        .append(Html.escape(entry.getValue())).append("</dd>"));
        return html.append("</dl>\n").toString();
    }

    /**
     * A web app of the namespace, as a tile.
     *
     * @param name its path segment ({@code greeter})
     * @param service its service name ({@code go.micro.web.greeter})
     * @param url where the proxy serves it ({@code /greeter/})
     * @param icon the {@code icon} of its node metadata, empty without one
     */
    record WebApp(String name, String service, String url, String icon) {
    }

    /**
     * The home page.
     *
     * @param apps the web apps
     * @param links the dashboard's other pages
     */
    record Home(List<WebApp> apps, List<String> links) {
    }

    /**
     * The page of one service.
     *
     * @param name the service
     * @param services each of its versions, with nodes and endpoints
     */
    record ServicePage(String name, List<Service> services) {
    }

    /**
     * A line of the registry page.
     *
     * @param name the service
     * @param versions its versions
     * @param nodes how many nodes all versions have
     */
    record ServiceSummary(String name, List<String> versions, int nodes) {
    }
}
