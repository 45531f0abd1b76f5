package io.microspring.autoconfigure.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.microspring.registry.Registry;
import io.microspring.registry.cache.CachingRegistry;

/** Up when the registry answers a listing of its services, past the cache; down with its error otherwise. */
public class RegistryHealthIndicator extends AbstractHealthIndicator {

    private final Registry registry;

    /** The health of {@code registry} (of the registry behind it when it is a cache). */
    public RegistryHealthIndicator(Registry registry) {
        super("Registry health check failed");
        this.registry = registry instanceof CachingRegistry cache ? cache.delegate() : registry;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        int services = registry.listServices().size();
        builder.up().withDetail("registry", registry.name()).withDetail("services", services);
    }
}
