package io.microspring.toolkit.command;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.microspring.server.debug.proto.StatsRequest;
import io.microspring.server.debug.proto.StatsResponse;

/** {@code stats SERVICE}: {@code Debug.Stats} on every node: started, uptime, memory, threads, GC, calls. */
public record Stats(String service, Duration timeout) implements Command {

    @Override
    public Result run(Toolkit toolkit) {
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
    }

    /** The figures as a table, or as a JSON array with go-micro's field names and units. */
    public record Report(List<NodeStats> nodes) implements Result {

        @Override
        public String text() {
            Table table = new Table("NODE", "ADDRESS", "STARTED", "UPTIME", "MEMORY", "THREADS", "GC", "REQUESTS",
                    "ERRORS");
            for (NodeStats node : nodes) {
                StatsResponse stats = node.stats();
                if (stats == null) {
                    table.row(node.node(), node.address(), node.problem(), "", "", "", "", "", "");
                    continue;
                }
                table.row(node.node(), node.address(), Instant.ofEpochSecond(stats.getStarted()).toString(),
                        Duration.ofSeconds(stats.getUptime()).toString().substring(2).toLowerCase(Locale.ROOT),
                        String.format(Locale.ROOT, "%.1fMiB", stats.getMemory() / (1024.0 * 1024.0)),
                        Long.toString(stats.getThreads()),
                        String.format(Locale.ROOT, "%dms", Duration.ofNanos(stats.getGc()).toMillis()),
                        Long.toString(stats.getRequests()), Long.toString(stats.getErrors()));
            }
            return table.toString();
        }

        @Override
        public String json() {
            return Json.write(nodes.stream().map(Report::json).toList()) + "\n";
        }

        private static Map<String, Object> json(NodeStats node) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("node", node.node());
            json.put("address", node.address());
            StatsResponse stats = node.stats();
            if (stats == null) {
                json.put("status", node.problem());
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
}
