package io.microspring.gateway.handler;

/**
 * The actuator's base path ({@code /actuator}): the one part of a gateway's (or sidecar's) paths
 * that WebFlux's own handlers serve.
 */
record ActuatorPath(String base) {

    /** {@code base} without a trailing slash. */
    ActuatorPath {
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Whether {@code path} is the base path or below it. */
    boolean contains(String path) {
        return path.startsWith(base) && (path.length() == base.length() || path.charAt(base.length()) == '/');
    }
}
