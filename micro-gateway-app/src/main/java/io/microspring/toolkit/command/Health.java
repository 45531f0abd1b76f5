package io.microspring.toolkit.command;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.microspring.errors.MicroException;
import io.microspring.server.debug.Debug;
import io.microspring.server.debug.proto.HealthRequest;
import io.microspring.server.debug.proto.HealthResponse;

/**
 * {@code health SERVICE}: {@code Debug.Health} on every node. It fails (503) when a node answers
 * a status other than {@code ok} or cannot be reached; a reachable node without the Debug service
 * is reported as such and does not fail it.
 */
public record Health(String service, Duration timeout) implements Command {

    @Override
    public Report run(Toolkit toolkit) {
        List<NodeHealth> nodes = DebugProbe.ask(toolkit, service, "Debug.Health",
                HealthRequest.newBuilder().setService(service == null ? "" : service).build(), HealthResponse.class,
                timeout).stream()
                .map(answer -> new NodeHealth(answer.node().id(), answer.node().address(),
                        answer.response() != null ? answer.response().getStatus() : answer.problem(),
                        answer.detail()))
                .toList();
        return new Report(service, nodes);
    }

    /** One node's status; {@code detail} says why a node without a status has none. */
    public record NodeHealth(String node, String address, String status, String detail) {

        /** Whether the node is well: it answers {@code ok}, or it is reachable without the Debug service. */
        public boolean healthy() {
            return status.equals(Debug.OK) || status.equals(DebugProbe.NO_DEBUG);
        }

        /** As JSON: node, address, status, and detail when there is one. */
        public Map<String, String> json() {
            Map<String, String> json = new LinkedHashMap<>();
            json.put("node", node);
            json.put("address", address);
            json.put("status", status);
            if (detail != null) {
                json.put("detail", detail);
            }
            return json;
        }
    }

    /** Each node's status as a table, or as a JSON array. */
    public record Report(String service, List<NodeHealth> nodes) implements Result {

        @Override
        public String text() {
            Table table = new Table("NODE", "ADDRESS", "STATUS");
            nodes.forEach(node -> table.row(node.node(), node.address(), node.status()));
            return table.toString();
        }

        @Override
        public String json() {
            return Json.write(nodes.stream().map(NodeHealth::json).toList()) + "\n";
        }

        @Override
        public Optional<MicroException> failure() {
            long unhealthy = nodes.stream().filter(node -> !node.healthy()).count();
            return unhealthy == 0 ? Optional.empty() : Optional.of(MicroException.serviceUnavailable(Command.ID,
                    "service %s: %d of %d nodes are not healthy", service, unhealthy, nodes.size()));
        }
    }
}
