package io.microspring.toolkit.command;

import java.util.List;

import io.microspring.registry.Service;

/** {@code list services}: the name of every registered service, sorted. */
public record ListServices() implements Command {

    @Override
    public ServiceNames run(Toolkit toolkit) {
        List<String> names = Registries.call(toolkit, "list the services", registry -> registry.listServices())
                .stream().map(Service::name).distinct().sorted().toList();
        return new ServiceNames(names);
    }

    /** The names, one a line; as JSON an array of strings. */
    public record ServiceNames(List<String> names) implements Result {

        @Override
        public String text() {
            return names.isEmpty() ? "" : String.join("\n", names) + "\n";
        }

        @Override
        public String json() {
            return Json.write(names) + "\n";
        }
    }
}
