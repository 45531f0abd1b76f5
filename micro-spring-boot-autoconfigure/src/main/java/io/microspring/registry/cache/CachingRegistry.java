package io.microspring.registry.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;
import io.microspring.registry.Watch;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * go-micro's "caching discovery": wraps any registry so that lookups rarely reach it.
 * <ul>
 * <li>A service is fetched on its first lookup and a watch on it keeps the entry current.</li>
 * <li>Entries older than the TTL are fetched again in the background while the cached nodes
 * keep being served, so a lookup never waits on the registry after the first.</li>
 * <li>When the registry cannot be reached, the last known nodes keep being served (a warning
 * says so) and the registry is asked again every second until it answers.</li>
 * </ul>
 * Writes and listings pass straight through.
 */
public final class CachingRegistry implements Registry {

    /** How long an entry is served before it is fetched again, unless a watch refreshes it first. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(1);

    /** How long to wait before asking an unreachable registry again. */
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(CachingRegistry.class);

    private final Registry delegate;
    private final Duration ttl;
    private final Clock clock;
    private final Scheduler lookupScheduler;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    /** Caching {@code delegate} for {@code ttl}; blocking fetches run on Reactor's bounded elastic scheduler. */
    public CachingRegistry(Registry delegate, Duration ttl) {
        this(delegate, ttl, Clock.systemUTC(), Schedulers.boundedElastic());
    }

    /** With an explicit clock and scheduler for fetches. */
    public CachingRegistry(Registry delegate, Duration ttl, Clock clock, Scheduler lookupScheduler) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
        this.lookupScheduler = lookupScheduler;
    }

    /**
     * The nodes of {@code name} without blocking the caller: at once from the cache (refreshing an
     * old entry in the background), fetched on the lookup scheduler on a first lookup.
     */
    @Override
    public Mono<List<Service>> lookup(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            return Mono.fromCallable(() -> fetch(name)).subscribeOn(lookupScheduler);
        }
        refreshIfOld(name, entry);
        return Mono.just(entry.services());
    }

    /** The cached nodes of {@code name}; only a first lookup blocks on the registry. */
    @Override
    public List<Service> getService(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            return fetch(name);
        }
        refreshIfOld(name, entry);
        return entry.services();
    }

    @Override
    public void register(Service service, Duration ttl) {
        delegate.register(service, ttl);
    }

    @Override
    public void deregister(Service service) {
        delegate.deregister(service);
    }

    @Override
    public List<Service> listServices() {
        return delegate.listServices();
    }

    @Override
    public Watch watch(String service, Consumer<RegistryEvent> listener) {
        return delegate.watch(service, listener);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** The registry behind this cache. */
    public Registry delegate() {
        return delegate;
    }

    @Override
    public void close() {
        watches.values().forEach(Watch::close);
        watches.clear();
        entries.clear();
    }

    private List<Service> fetch(String name) {
        List<Service> services = delegate.getService(name);
        Entry previous = entries.put(name, new Entry(services, clock.instant(), false));
        if (previous != null && previous.stale()) {
            log.info("Registry [{}] is reachable again; {} is current", delegate.name(), name);
        }
        watchOnce(name);
        return services;
    }

    private void refreshIfOld(String name, Entry entry) {
        Instant now = clock.instant();
        if (entry.fetched().plus(ttl).isAfter(now) || !refreshing.add(name)) {
            return;
        }
        lookupScheduler.schedule(() -> {
            try {
                fetch(name);
            } catch (RegistryException e) {
                entries.computeIfPresent(name, (key, current) -> {
                    if (!current.stale()) {
                        log.warn("Registry [{}] unreachable ({}); serving the {} last known node(s) of {} until it is back",
                                delegate.name(), e.getMessage(), nodeCount(current.services()), name);
                    }
                    // try again after a pause rather than on every call
                    return new Entry(current.services(), now.minus(ttl).plus(RETRY_PAUSE), true);
                });
            } finally {
                refreshing.remove(name);
            }
        });
    }

    private void watchOnce(String name) {
        watches.computeIfAbsent(name, service -> {
            try {
                return delegate.watch(service, this::apply);
            } catch (RegistryException e) {
                log.warn("Registry [{}] cannot watch {}: {}; relying on the cache TTL", delegate.name(), service,
                        e.getMessage());
                return () -> { };
            }
        });
    }

    private void apply(RegistryEvent event) {
        entries.computeIfPresent(event.service().name(),
                (name, entry) -> new Entry(applyTo(entry.services(), event), entry.fetched(), entry.stale()));
    }

    private static List<Service> applyTo(List<Service> services, RegistryEvent event) {
        Service changed = event.service();
        Map<String, Service> byVersion = new LinkedHashMap<>();
        for (Service service : services) {
            byVersion.put(service.version(), service);
        }
        for (Node node : changed.nodes()) {
            Service current = byVersion.get(changed.version());
            if (event.type() == RegistryEvent.Type.DELETE) {
                if (current != null) {
                    List<Node> kept = new ArrayList<>(current.nodes());
                    kept.removeIf(existing -> existing.id().equals(node.id()));
                    byVersion.put(changed.version(), current.withNodes(kept));
                }
            } else if (current == null) {
                byVersion.put(changed.version(), changed.withNodes(List.of(node)));
            } else { // the announced service (its endpoints, metadata) with the nodes known before
                byVersion.put(changed.version(), changed.withNodes(current.nodes()).withNode(node));
            }
        }
        byVersion.values().removeIf(service -> service.nodes().isEmpty());
        return List.copyOf(byVersion.values());
    }

    private static int nodeCount(List<Service> services) {
        return services.stream().mapToInt(service -> service.nodes().size()).sum();
    }

    private record Entry(List<Service> services, Instant fetched, boolean stale) {
    }
}
