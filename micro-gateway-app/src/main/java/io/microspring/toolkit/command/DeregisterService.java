package io.microspring.toolkit.command;

import io.microspring.registry.Service;

/** {@code deregister service JSON}: removes the nodes of a service given as go-micro's registry JSON. */
public record DeregisterService(String service) implements Command {

    @Override
    public Result run(Toolkit toolkit) {
        Service parsed = ServiceJson.read(service, "deregister");
        ServiceJson.requireLasting(toolkit.registry(), "deregister");
        Registries.call(toolkit, "deregister service " + parsed.name(), registry -> {
            registry.deregister(parsed);
            return parsed;
        });
        return new RegisterService.Registration("deregistered", parsed);
    }
}
