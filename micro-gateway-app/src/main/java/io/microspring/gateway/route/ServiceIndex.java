package io.microspring.gateway.route;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.registry.Endpoint;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;
import io.microspring.registry.Watch;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The services of the namespace, the routes their endpoints declare and the handler each endpoint
 * declares ({@code handler} metadata), read from the registry
 * off the event loop and kept current by a registry watch and a refresh every
 * {@value #REFRESH_SECONDS} seconds. Requests only read the last snapshot.
 *
 * <p>A path naming a service the index does not know is answered without asking the registry,
 * unless the last refresh is more than a second old; then the index is refreshed first. So
 * arbitrary paths cannot make the gateway look up, cache and watch arbitrary service names.
 */
public final class ServiceIndex implements EndpointMetadata, AutoCloseable {

    /** The handler of an endpoint that declares none: go-micro's meta handler calls it over RPC. */
    public static final String DEFAULT_HANDLER = "rpc";

    /** How often the index is read again from the registry, besides the watch. */
    public static final int REFRESH_SECONDS = 30;

    private static final Duration MISS_REFRESH_PAUSE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(ServiceIndex.class);

    private final Registry registry;
    private final EndpointMetadata fromRegistry;
    private final Namespace namespace;
    private final Scheduler scheduler = Schedulers.boundedElastic();
    private final Object lock = new Object();
    private Mono<Snapshot> running;
    private boolean again;
    private volatile Snapshot snapshot = new Snapshot(Set.of(), List.of(), Map.of(), Map.of(), Instant.EPOCH);
    private volatile Watch watch;
    private volatile Disposable periodic;

    /** An index of {@code namespace} in {@code registry}; {@link #start()} fills it. */
    public ServiceIndex(Registry registry, Namespace namespace) {
        this.registry = registry;
        this.fromRegistry = EndpointMetadata.of(registry);
        this.namespace = namespace;
    }

    /** Reads the registry now and starts the watch and the periodic refresh. */
    public void start() {
        try {
            watch = registry.watch(null, event -> {
                if (namespace.contains(event.service().name())) {
                    refresh(true).subscribe();
                }
            });
        } catch (RegistryException e) {
            log.warn("Registry [{}] cannot be watched ({}); the gateway reads it every {}s", registry.name(),
                    e.getMessage(), REFRESH_SECONDS);
        }
        periodic = Flux.interval(Duration.ZERO, Duration.ofSeconds(REFRESH_SECONDS), scheduler)
                .concatMap(tick -> refresh(false))
                .subscribe();
    }

    /** Whether {@code service} is a service of the namespace as the index knows it now, without refreshing it. */
    public boolean knows(String service) {
        return snapshot.services().contains(service);
    }

    /** Whether {@code service} is a known service of the namespace, refreshing the index first if it is old. */
    public Mono<Boolean> contains(String service) {
        Snapshot current = snapshot;
        if (current.services().contains(service)) {
            return Mono.just(true);
        }
        if (current.loaded().plus(MISS_REFRESH_PAUSE).isAfter(Instant.now())) {
            return Mono.just(false);
        }
        return refresh(false).map(fresh -> fresh.services().contains(service));
    }

    /**
     * The handler {@code endpoint} of {@code service} declares in its {@code handler} metadata
     * ({@code api}, {@code http} ...), {@value #DEFAULT_HANDLER} when it declares none or is unknown.
     */
    public String handlerOf(String service, String endpoint) {
        return snapshot.handlers().getOrDefault(service + " " + endpoint, DEFAULT_HANDLER);
    }

    /**
     * The metadata {@code endpoint} of {@code service} registered with (its first version that has
     * the endpoint), empty when it has none: from the snapshot for a service it holds, else from the
     * (cached) registry (a service outside the namespace, which only {@code /rpc} calls, or one
     * registered since the last refresh).
     */
    @Override
    public Mono<Map<String, String>> lookup(String service, String endpoint) {
        Snapshot current = snapshot;
        if (current.services().contains(service)) {
            return Mono.just(current.metadata().getOrDefault(service + " " + endpoint, Map.of()));
        }
        return fromRegistry.lookup(service, endpoint);
    }

    /** The most specific route declared for a request, with its path variables. */
    public Optional<Match> route(String method, String host, RequestPath path) {
        for (MetaRoute route : snapshot.routes()) {
            Optional<Map<String, String>> variables = route.match(method, host, path);
            if (variables.isPresent()) {
                return Optional.of(new Match(route, variables.get()));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        Disposable timer = periodic;
        if (timer != null) {
            timer.dispose();
        }
        Watch current = watch;
        if (current != null) {
            current.close();
        }
    }

    /**
     * One refresh at a time: callers arriving meanwhile share it; with {@code changed} (a watch
     * saw a change) one more runs after it, so a change made during a refresh is not missed.
     */
    private Mono<Snapshot> refresh(boolean changed) {
        synchronized (lock) {
            if (running != null) {
                again |= changed;
                return running;
            }
            running = Mono.fromCallable(this::load)
                    .subscribeOn(scheduler)
                    .onErrorResume(RuntimeException.class, e -> {
                        log.warn("Registry [{}] could not be read ({}); routing with what was known before",
                                registry.name(), e.getMessage());
                        Snapshot previous = snapshot;
                        return Mono.just(new Snapshot(previous.services(), previous.routes(), previous.handlers(),
                                previous.metadata(), Instant.now()));
                    })
                    .doOnNext(loaded -> snapshot = loaded)
                    .doFinally(signal -> finished())
                    .cache();
            return running;
        }
    }

    private void finished() {
        synchronized (lock) {
            running = null;
            if (again) {
                again = false;
                refresh(false).subscribe();
            }
        }
    }

    private Snapshot load() {
        Instant loaded = Instant.now();
        Set<String> names = new TreeSet<>();
        for (Service listed : registry.listServices()) {
            if (namespace.contains(listed.name())) {
                names.add(listed.name());
            }
        }
        List<MetaRoute> routes = new ArrayList<>();
        Map<String, String> handlers = new HashMap<>();
        Map<String, Map<String, String>> metadata = new HashMap<>();
        for (String name : names) {
            for (Service service : registry.getService(name)) {
                for (Endpoint endpoint : service.endpoints()) {
                    routes.addAll(routesOf(name, endpoint));
                    metadata.putIfAbsent(name + " " + endpoint.name(), Map.copyOf(endpoint.metadata()));
                    String handler = endpoint.metadata().getOrDefault("handler", "").strip();
                    if (!handler.isEmpty()) {
                        handlers.putIfAbsent(name + " " + endpoint.name(), handler);
                    }
                }
            }
        }
        routes.sort(Comparator.comparingInt((MetaRoute route) -> route.template().literalCount()).reversed()
                .thenComparing(MetaRoute::service).thenComparing(MetaRoute::endpoint));
        return new Snapshot(Set.copyOf(names), List.copyOf(routes), Map.copyOf(handlers), Map.copyOf(metadata),
                loaded);
    }

    private static List<MetaRoute> routesOf(String service, Endpoint endpoint) {
        try {
            return MetaRoute.of(service, endpoint.name(), endpoint.metadata());
        } catch (IllegalArgumentException e) {
            log.warn("Service {} endpoint {} declares a route the gateway cannot use: {}", service, endpoint.name(),
                    e.getMessage());
            return List.of();
        }
    }

    /** A declared route that matched, with the path's variables. */
    public record Match(MetaRoute route, Map<String, String> variables) {
    }

    /**
     * @param handlers the declared handler by {@code "<service> <endpoint>"}
     * @param metadata each endpoint's metadata by {@code "<service> <endpoint>"}
     */
    private record Snapshot(Set<String> services, List<MetaRoute> routes, Map<String, String> handlers,
            Map<String, Map<String, String>> metadata, Instant loaded) {
    }
}
