package io.microspring.observation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.selector.RegistrySelector;

/**
 * The gauges users ask for: {@value #CACHED_SERVICES}, the services the registry cache holds, and
 * {@value #COOLING_NODES}, the nodes the selector skips while they cool down after a failure.
 * Either source may be absent ({@code null}), and its gauge is left out.
 */
public final class MicroMeterBinder implements MeterBinder {

    /** The gauge of the registry cache's services. */
    public static final String CACHED_SERVICES = "micro.registry.cached.services";
    /** The gauge of the selector's nodes in cool-down. */
    public static final String COOLING_NODES = "micro.selector.cooling.nodes";

    private final CachingRegistry cache;
    private final RegistrySelector selector;

    /** Gauges of {@code cache} and {@code selector}, either of which may be {@code null}. */
    public MicroMeterBinder(CachingRegistry cache, RegistrySelector selector) {
        this.cache = cache;
        this.selector = selector;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (cache != null) {
            Gauge.builder(CACHED_SERVICES, cache, CachingRegistry::cachedServices)
                    .description("Services held by the registry cache")
                    .register(registry);
        }
        if (selector != null) {
            Gauge.builder(COOLING_NODES, selector, RegistrySelector::coolingDown)
                    .description("Nodes the selector skips while they cool down after a failure")
                    .register(registry);
        }
    }
}
