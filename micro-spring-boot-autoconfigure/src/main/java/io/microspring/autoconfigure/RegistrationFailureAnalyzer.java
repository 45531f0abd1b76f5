package io.microspring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import io.microspring.registry.RegistrationException;

/**
 * Reports a first registration that failed with {@code micro.register-fail-fast} on: the service,
 * the registry and its address, and the properties that change them.
 */
class RegistrationFailureAnalyzer extends AbstractFailureAnalyzer<RegistrationException> {

    private static final String ADDRESS_PROPERTY = "micro.registry-address";

    private final Environment environment;

    RegistrationFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RegistrationException cause) {
        String configured = environment.getProperty(ADDRESS_PROPERTY, "");
        String address = configured.isBlank() ? "its default address (" + ADDRESS_PROPERTY + " is not set)"
                : configured + " (" + ADDRESS_PROPERTY + ")";
        String description = "Service " + cause.service() + " could not register with the " + cause.registry()
                + " registry at " + address + ":\n" + cause.getCause().getMessage();
        String action = "Start the " + cause.registry() + " registry, or point " + ADDRESS_PROPERTY
                + " (MICRO_REGISTRY_ADDRESS, --registry_address) at a running one; micro.registry (MICRO_REGISTRY,"
                + " --registry) chooses the registry.\nTo start anyway and keep trying to register every"
                + " micro.register-interval, set micro.register-fail-fast=false.";
        return new FailureAnalysis(description, action, cause);
    }
}
