package io.microspring.toolkit.command;

import java.time.Duration;
import java.util.Map;

import io.microspring.registry.Service;

/**
 * {@code register service JSON}: registers the nodes of a service given as go-micro's registry
 * JSON, to expire after {@code ttl} ({@code null}: never, as go-micro's CLI registers them).
 */
public record RegisterService(String service, Duration ttl) implements Command {

    @Override
    public Result run(Toolkit toolkit) {
        Service parsed = ServiceJson.read(service, "register");
        ServiceJson.requireLasting(toolkit.registry(), "register");
        Registries.call(toolkit, "register service " + parsed.name(), registry -> {
            registry.register(parsed, ttl == null ? Duration.ZERO : ttl);
            return parsed;
        });
        return new Registration("registered", parsed);
    }

    /** What was done to which service: {@code registered} or {@code deregistered}. */
    public record Registration(String action, Service service) implements Result {

        @Override
        public String text() {
            return action + " " + service.name() + " (" + service.nodes().size() + " node"
                    + (service.nodes().size() == 1 ? "" : "s") + ")\n";
        }

        @Override
        public String json() {
            return Json.write(Map.of(action, service)) + "\n";
        }
    }
}
