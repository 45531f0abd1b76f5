package io.microspring.toolkit.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.microspring.server.debug.proto.StatsRequest;
import io.microspring.server.debug.proto.StatsResponse;

/** {@code stats SERVICE}: {@code Debug.Stats} on every node: started, uptime, memory, threads, GC, calls. */
public record Stats(String service, Duration timeout) implements Command {

    @Override
    public Report run(Toolkit toolkit) {
        List<NodeStats> nodes = DebugProbe.ask(toolkit, service, "Debug.Stats",
                StatsRequest.newBuilder().setService(service == null ? "" : service).build(), StatsResponse.class,
                timeout).stream()
                .map(answer -> new NodeStats(answer.node().id(), answer.node().address(), answer.response(),
                        answer.problem()))
                .toList();
        return new Report(nodes);
    }

    /** One node's figures, or ({@code stats} null) what was found instead. */
    public record NodeStats(String node, String address, StatsResponse stats, String problem) {

        /** The headings of {@link #figures()}. */
        public static final List<String> FIGURES = List.of("STARTED", "UPTIME", "MEMORY", "THREADS", "GC", "REQUESTS",
                "ERRORS");

        /** The figures for people, one for each of {@link #FIGURES}: the problem and blanks without them. */
        public List<String> figures() {
            if (stats == null) {
                return List.of(problem, "", "", "", "", "", "");
            }
            return List.of(Instant.ofEpochSecond(stats.getStarted()).toString(),
                    Duration.ofSeconds(stats.getUptime()).toString().substring(2).toLowerCase(Locale.ROOT),
                    String.format(Locale.ROOT, "%.1fMiB", stats.getMemory() / (1024.0 * 1024.0)),
                    Long.toString(stats.getThreads()),
                    String.format(Locale.ROOT, "%dms", Duration.ofNanos(stats.getGc()).toMillis()),
                    Long.toString(stats.getRequests()), Long.toString(stats.getErrors()));
        }

        /** As JSON with go-micro's field names and units, or node, address and status without figures. */
        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("node", node);
            json.put("address", address);
            if (stats == null) {
                json.put("status", problem);
                return json;
            }
            json.put("timestamp", stats.getTimestamp());
            json.put("started", stats.getStarted());
            json.put("uptime", stats.getUptime());
            json.put("memory", stats.getMemory());
            json.put("threads", stats.getThreads());
            json.put("gc", stats.getGc());
            json.put("requests", stats.getRequests());
            json.put("errors", stats.getErrors());
            return json;
        }
    }

    /** The figures as a table, or as a JSON array with go-micro's field names and units. */
    public record Report(List<NodeStats> nodes) implements Result {

        @Override
        public String text() {
            List<String> headings = new ArrayList<>(List.of("NODE", "ADDRESS"));
            headings.addAll(NodeStats.FIGURES);
            Table table = new Table(headings.toArray(String[]::new));
            for (NodeStats node : nodes) {
                List<String> row = new ArrayList<>(List.of(node.node(), node.address()));
                row.addAll(node.figures());
                table.row(row.toArray(String[]::new));
            }
            return table.toString();
        }

        @Override
        public String json() {
            return Json.write(nodes.stream().map(NodeStats::json).toList()) + "\n";
        }
    }
}
