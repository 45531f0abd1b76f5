package io.microspring.toolkit.command;

import io.microspring.errors.MicroException;
import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.Service;

/** A service given as go-micro's registry JSON to {@code register service} and {@code deregister service}. */
final class ServiceJson {

    private ServiceJson() {
    }

    /** The service of {@code json}, which must name it and give every node an id and an address. */
    static Service read(String json, String command) {
        if (json == null || json.isBlank()) {
            throw MicroException.badRequest(Command.ID, "%s service needs the service as JSON, for example "
                    + "'{\"name\":\"greeter\",\"nodes\":[{\"id\":\"greeter-1\",\"address\":\"127.0.0.1:9090\"}]}'",
                    command);
        }
        Json.parse(json, "the service");
        Service service = Json.read(json, Service.class, "the service");
        if (service.name() == null || service.name().isBlank()) {
            throw MicroException.badRequest(Command.ID, "the service has no name");
        }
        if (service.nodes().isEmpty()) {
            throw MicroException.badRequest(Command.ID, "service %s has no nodes to %s", service.name(), command);
        }
        for (Node node : service.nodes()) {
            if (node.id() == null || node.id().isBlank() || node.address() == null || node.address().isBlank()) {
                throw MicroException.badRequest(Command.ID, "every node of service %s needs an id and an address",
                        service.name());
            }
        }
        return service;
    }

    /** Refuses registries whose registrations end with the process that made them: a CLI's end at once. */
    static void requireLasting(Registry registry, String command) {
        if (registry.name().equals("mdns") || registry.name().equals("memory")) {
            throw MicroException.badRequest(Command.ID, "%s service needs a registry that keeps registrations, "
                    + "etcd or consul: registry [%s] holds them only while the process that made them runs",
                    command, registry.name());
        }
    }
}
