package io.microspring.toolkit.command;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.microspring.errors.MicroException;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Service;
import io.microspring.registry.Value;

/** {@code get service NAME}: every version of a service with its nodes and endpoints. */
public record GetService(String name) implements Command {

    @Override
    public Result run(Toolkit toolkit) {
        List<Service> versions = Registries.call(toolkit, "look up service " + name,
                registry -> registry.getService(name));
        if (versions.isEmpty()) {
            throw MicroException.notFound(Command.ID, "service %s not found", name);
        }
        return new Description(versions);
    }

    /** The versions as a readable tree; as JSON go-micro's registry entries. */
    public record Description(List<Service> versions) implements Result {

        @Override
        public String text() {
            StringBuilder out = new StringBuilder();
            out.append("service  ").append(versions.get(0).name()).append("\n");
            for (Service version : versions) {
                String number = version.version().isEmpty() ? "(none)" : version.version();
                out.append("\nversion  ").append(number).append("\n\n");
                Table nodes = new Table("ID", "ADDRESS", "METADATA");
                version.nodes().forEach(node -> nodes.row(node.id(), node.address(), metadata(node.metadata())));
                out.append(nodes);
                for (Endpoint endpoint : version.endpoints()) {
                    out.append("\nEndpoint: ").append(endpoint.name()).append("\n");
                    if (!endpoint.metadata().isEmpty()) {
                        out.append("Metadata: ").append(metadata(endpoint.metadata())).append("\n");
                    }
                    value(out, "Request", endpoint.request());
                    value(out, "Response", endpoint.response());
                }
            }
            return out.toString();
        }

        @Override
        public String json() {
            return Json.write(versions) + "\n";
        }

        private static void value(StringBuilder out, String label, Value value) {
            out.append("  ").append(label).append(": ");
            if (value == null) {
                out.append("{}\n");
                return;
            }
            out.append(value.type().isEmpty() ? value.name() : value.type()).append("\n");
            fields(out, value.values(), 2);
        }

        private static void fields(StringBuilder out, List<Value> values, int depth) {
            for (Value field : values) {
                out.append(("  ".repeat(depth) + field.name() + " " + field.type()).stripTrailing()).append("\n");
                fields(out, field.values(), depth + 1);
            }
        }

        private static String metadata(Map<String, String> metadata) {
            return new TreeMap<>(metadata).entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue())
                    .collect(Collectors.joining(","));
        }
    }
}
