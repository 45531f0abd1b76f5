package io.microspring.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.server.ServerWebExchange;

import io.microspring.gateway.handler.RpcEndpoint;
import io.microspring.toolkit.command.Health;
import io.microspring.toolkit.command.ListServices;
import io.microspring.toolkit.command.Stats;
import io.microspring.toolkit.command.Toolkit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /stats}: the services the allow-list lets the dashboard call, and with
 * {@code ?service=NAME} each node's {@code Debug.Health} and {@code Debug.Stats}, asked through the
 * command engine's {@code health} and {@code stats} commands. A node without the Debug service is
 * reported as the CLI reports it, {@code reachable, no Debug service}.
 */
final class StatsPage {

    private final Toolkit toolkit;
    private final RpcEndpoint allowList;

    /** The page asking through {@code toolkit}, for the services {@code allowList} allows. */
    StatsPage(Toolkit toolkit, RpcEndpoint allowList) {
        this.toolkit = toolkit;
        this.allowList = allowList;
    }

    /** Answers {@code /stats} or {@code /stats?service=NAME}. */
    Mono<Void> handle(ServerWebExchange exchange) {
        String service = exchange.getRequest().getQueryParams().getFirst("service");
        if (service == null || service.isBlank()) {
            return Mono.fromCallable(() -> new ListServices().run(toolkit))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(names -> {
                        List<String> allowed = names.names().stream()
                                .filter(allowList::allows).toList();
                        return PageAnswer.answer(exchange, Map.of("services", allowed),
                                () -> Html.page("Stats", servicesHtml(allowed)));
                    });
        }
        String name = service.strip();
        allowList.requireAllowed(name);
        // both questions at once: a node that does not answer costs each of them a timeout
        Mono<Health.Report> health = Mono.fromCallable(() -> new Health(name, null).run(toolkit))
                .subscribeOn(Schedulers.boundedElastic());
        Mono<Stats.Report> stats = Mono.fromCallable(() -> new Stats(name, null).run(toolkit))
                .subscribeOn(Schedulers.boundedElastic());
        return Mono.zip(health, stats)
                .map(reports -> nodes(reports.getT1(), reports.getT2()))
                .flatMap(nodes -> PageAnswer.answer(exchange, new ServiceStats(name, nodes.stream()
                        .map(NodeReport::json).toList()), () -> Html.page("Stats of " + name, nodesHtml(nodes))));
    }

    /** Each node's health beside its figures, matched by node id. */
    private static List<NodeReport> nodes(Health.Report health, Stats.Report stats) {
        List<NodeReport> nodes = new ArrayList<>();
        for (Health.NodeHealth node : health.nodes()) {
            Stats.NodeStats figures = stats.nodes().stream().filter(candidate -> candidate.node().equals(node.node()))
                    .findFirst()
                    .orElse(new Stats.NodeStats(node.node(), node.address(), null, node.status()));
            nodes.add(new NodeReport(node, figures));
        }
        return nodes;
    }

    private static String servicesHtml(List<String> services) {
        if (services.isEmpty()) {
            return "<p class=\"empty\">No service is registered.</p>\n";
        }
        StringBuilder html = new StringBuilder("<p>Pick a service to ask each of its nodes for "
                + "<code>Debug.Health</code> and <code>Debug.Stats</code>.</p>\n<ul class=\"stats-services\">\n");
        for (String service : services) {
            html.append("<li><a href=\"/stats?service=").append(Html.escape(Html.query(service))).append("\">")
                    .append(Html.escape(service)).append("</a></li>\n");
        }
        return html.append("</ul>\n").toString();
    }

    private static String nodesHtml(List<NodeReport> nodes) {
        StringBuilder html = new StringBuilder("<table class=\"stats\">\n<thead><tr><th>Node</th><th>Address</th>"
                + "<th>Health</th>");
        Stats.NodeStats.FIGURES.forEach(heading -> html.append("<th>").append(Html.escape(heading.length() <= 2
                ? heading : heading.charAt(0) + heading.substring(1).toLowerCase(Locale.ROOT))).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (NodeReport node : nodes) {
            html.append("<tr><td>").append(Html.escape(node.health().node())).append("</td><td>")
                    .append(Html.escape(node.health().address())).append("</td><td class=\"")
                    .append(node.health().healthy() ? "healthy" : "unhealthy").append("\">")
                    .append(Html.escape(node.health().status())).append("</td>");
            boolean measured = node.stats().stats() != null;
            node.stats().figures().forEach(figure -> html.append("<td>").append(measured ? Html.escape(figure) : "")
                    .append("</td>"));
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>\n<p><a href=\"/stats\">Other services</a></p>\n").toString();
    }

    /**
     * One node: its health and its figures.
     *
     * @param health what {@code Debug.Health} said, or what was found instead
     * @param stats what {@code Debug.Stats} said, or what was found instead
     */
    private record NodeReport(Health.NodeHealth health, Stats.NodeStats stats) {

        /** The health's JSON (node, address, status, detail) with the figures of go-micro's Debug.Stats. */
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>(health.json());
            stats.json().forEach(json::putIfAbsent);
            return json;
        }
    }

    /**
     * The stats page of one service.
     *
     * @param service the service
     * @param nodes each node's health and figures
     */
    record ServiceStats(String service, List<Map<String, Object>> nodes) {
    }
}
