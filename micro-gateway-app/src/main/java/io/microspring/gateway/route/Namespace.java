package io.microspring.gateway.route;

/**
 * The namespace request paths resolve into, with go-micro's join rules: {@code go.micro.api} and
 * {@code greeter} give {@code go.micro.api.greeter}; a namespace ending in {@code .} is followed
 * directly; one ending in {@code -} joins with dashes throughout ({@code prod-} and
 * {@code v1.greeter} give {@code prod-v1-greeter}); an empty namespace adds nothing.
 */
public final class Namespace {

    private final String name;

    private Namespace(String name) {
        this.name = name;
    }

    /** The namespace {@code name}, surrounding spaces removed. */
    public static Namespace of(String name) {
        return new Namespace(name == null ? "" : name.strip());
    }

    /** The full name of {@code service} ({@code greeter}, or {@code v1.greeter}) in this namespace. */
    public String join(String service) {
        if (name.isEmpty()) {
            return service;
        }
        if (name.endsWith("-")) {
            return (name + service).replace('.', '-');
        }
        if (name.endsWith(".")) {
            return name + service;
        }
        return name + "." + service;
    }

    /** Whether path resolution can reach {@code service}: it lies under this namespace. */
    public boolean contains(String service) {
        if (name.isEmpty()) {
            return true;
        }
        String prefix = name.endsWith("-") || name.endsWith(".") ? name : name + ".";
        return service.length() > prefix.length() && service.startsWith(prefix);
    }

    /** The namespace as configured. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
