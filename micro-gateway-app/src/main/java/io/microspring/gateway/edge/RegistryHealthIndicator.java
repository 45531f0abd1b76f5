package io.microspring.gateway.edge;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

import io.microspring.registry.Registry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Health component {@code registry}: up when the registry answers a listing of its services within
 * {@value #TIMEOUT_SECONDS} seconds (details: the registry and how many services it knows), down
 * with the error otherwise. The registry is asked at most every {@value #REUSE_SECONDS} seconds,
 * so frequent health probes do not load it; the gateway cannot route new requests without it.
 */
public final class RegistryHealthIndicator implements ReactiveHealthIndicator {

    private static final long TIMEOUT_SECONDS = 5;
    private static final long REUSE_SECONDS = 5;

    private final Mono<Health> check;

    public RegistryHealthIndicator(Registry registry) {
        this.check = Mono.fromCallable(registry::listServices)
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                .map(services -> Health.up()
                        .withDetail("registry", registry.name())
                        .withDetail("services", services.size())
                        .build())
                .onErrorResume(error -> Mono.just(Health.down()
                        .withDetail("registry", registry.name())
                        .withDetail("error", error.toString())
                        .build()))
                .cache(Duration.ofSeconds(REUSE_SECONDS));
    }

    @Override
    public Mono<Health> health() {
        return check;
    }
}
