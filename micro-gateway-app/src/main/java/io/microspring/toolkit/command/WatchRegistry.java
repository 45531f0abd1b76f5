package io.microspring.toolkit.command;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.microspring.registry.RegistryEvent;
import io.microspring.registry.Watch;

/**
 * {@code registry watch [SERVICE]}: the registry's events as they come, of one service or of all;
 * unlike the other commands it goes on until the returned watch is closed.
 */
public record WatchRegistry(String service) {

    /** Hands each event to {@code events} until the watch is closed. */
    public Watch start(Toolkit toolkit, Consumer<Result> events) {
        String filter = service == null || service.isBlank() ? null : service;
        return Registries.call(toolkit, "watch the registry",
                registry -> registry.watch(filter, event -> events.accept(new Event(event))));
    }

    /** One event: action, service, version and its node; as JSON go-micro's {@code {"action","service"}}. */
    public record Event(RegistryEvent event) implements Result {

        @Override
        public String text() {
            return action() + " " + event.service().name() + " " + event.service().version() + " "
                    + event.service().nodes().stream().map(node -> node.id() + " " + node.address())
                            .collect(Collectors.joining(" ")) + "\n";
        }

        @Override
        public String json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("action", action());
            json.put("service", event.service());
            return Json.write(json) + "\n";
        }

        private String action() {
            return event.type().name().toLowerCase(Locale.ROOT);
        }
    }
}
