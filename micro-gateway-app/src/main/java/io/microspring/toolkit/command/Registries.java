package io.microspring.toolkit.command;

import java.util.function.Function;

import io.microspring.errors.MicroException;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryException;

/** Registry access for the commands: a registry that cannot be reached is a 503 naming it. */
final class Registries {

    private Registries() {
    }

    /** {@code action} on the toolkit's registry; {@code what} says what failed ("list the services"). */
    static <T> T call(Toolkit toolkit, String what, Function<Registry, T> action) {
        Registry registry = toolkit.registry();
        try {
            return action.apply(registry);
        } catch (RegistryException e) {
            throw MicroException.serviceUnavailable(Command.ID, "cannot %s: registry [%s] failed: %s", what,
                    registry.name(), e.getMessage());
        }
    }
}
