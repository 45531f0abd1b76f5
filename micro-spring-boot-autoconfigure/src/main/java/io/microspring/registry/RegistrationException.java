package io.microspring.registry;

/**
 * A server could not register its service when it started, with fail-fast on: the registry could
 * not be reached or refused the registration. The cause names the registry's address.
 */
public final class RegistrationException extends RuntimeException {

    private final String registry;
    private final String service;

    /** {@code service} could not be registered with the registry named {@code registry} ({@code etcd}). */
    public RegistrationException(String registry, String service, Throwable cause) {
        super("Cannot register service " + service + " with registry [" + registry + "]: " + cause.getMessage()
                + ". Check micro.registry and micro.registry-address, or set micro.register-fail-fast=false to start"
                + " anyway and retry.", cause);
        this.registry = registry;
        this.service = service;
    }

    /** The registry's name: {@code mdns}, {@code etcd}, {@code consul} ... */
    public String registry() {
        return registry;
    }

    /** The service that could not be registered. */
    public String service() {
        return service;
    }
}
