package io.microspring.registry.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.microspring.internal.Durations;
import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.Service;
import io.microspring.registry.Watch;

/**
 * A registry inside one JVM, for tests and single-process setups. Nodes expire after their TTL;
 * expiry is checked on every operation, so no thread is needed.
 */
public final class MemoryRegistry implements Registry {

    private final Clock clock;
    private final Map<String, Map<String, Registration>> nodesByService = new LinkedHashMap<>();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    /** On the system clock. */
    public MemoryRegistry() {
        this(Clock.systemUTC());
    }

    /** On {@code clock}, so that tests can move time. */
    public MemoryRegistry(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void register(Service service, Duration ttl) {
        Instant expiry = !Durations.isPositive(ttl) ? Instant.MAX : clock.instant().plus(ttl);
        List<RegistryEvent> events = new ArrayList<>();
        synchronized (this) {
            events.addAll(expire());
            Map<String, Registration> nodes = nodesByService.computeIfAbsent(service.name(), n -> new LinkedHashMap<>());
            for (Node node : service.nodes()) {
                Service single = service.withNodes(List.of(node));
                Registration previous = nodes.put(node.id(), new Registration(single, expiry));
                if (previous == null) {
                    events.add(new RegistryEvent(RegistryEvent.Type.CREATE, single));
                } else if (!previous.service().equals(single)) {
                    events.add(new RegistryEvent(RegistryEvent.Type.UPDATE, single));
                }
            }
        }
        publish(events);
    }

    @Override
    public void deregister(Service service) {
        List<RegistryEvent> events = new ArrayList<>();
        synchronized (this) {
            events.addAll(expire());
            Map<String, Registration> nodes = nodesByService.get(service.name());
            if (nodes != null) {
                for (Node node : service.nodes()) {
                    Registration removed = nodes.remove(node.id());
                    if (removed != null) {
                        events.add(new RegistryEvent(RegistryEvent.Type.DELETE, removed.service()));
                    }
                }
                if (nodes.isEmpty()) {
                    nodesByService.remove(service.name());
                }
            }
        }
        publish(events);
    }

    @Override
    public List<Service> getService(String name) {
        List<RegistryEvent> expired;
        List<Service> services;
        synchronized (this) {
            expired = expire();
            Map<String, Service> byVersion = new LinkedHashMap<>();
            for (Registration registration : nodesByService.getOrDefault(name, Map.of()).values()) {
                Service single = registration.service();
                byVersion.merge(single.version(), single, (merged, next) -> merged.withNode(next.nodes().get(0)));
            }
            services = List.copyOf(byVersion.values());
        }
        publish(expired);
        return services;
    }

    @Override
    public List<Service> listServices() {
        List<RegistryEvent> expired;
        List<Service> services;
        synchronized (this) {
            expired = expire();
            services = nodesByService.values().stream()
                    .flatMap(nodes -> nodes.values().stream())
                    .map(registration -> registration.service().withNodes(List.of()))
                    .distinct()
                    .sorted(Comparator.comparing(Service::name).thenComparing(Service::version))
                    .toList();
        }
        publish(expired);
        return services;
    }

    @Override
    public Watch watch(String service, Consumer<RegistryEvent> listener) {
        Watcher watcher = new Watcher(service, listener);
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
    }

    @Override
    public String name() {
        return "memory";
    }

    private List<RegistryEvent> expire() {
        Instant now = clock.instant();
        List<RegistryEvent> events = new ArrayList<>();
        nodesByService.values().forEach(nodes -> nodes.values().removeIf(registration -> {
            boolean expired = registration.expiry().isBefore(now);
            if (expired) {
                events.add(new RegistryEvent(RegistryEvent.Type.DELETE, registration.service()));
            }
            return expired;
        }));
        nodesByService.values().removeIf(Map::isEmpty);
        return events;
    }

    private void publish(List<RegistryEvent> events) {
        for (RegistryEvent event : events) {
            for (Watcher watcher : watchers) {
                if (watcher.service() == null || Objects.equals(watcher.service(), event.service().name())) {
                    watcher.listener().accept(event);
                }
            }
        }
    }

    private record Registration(Service service, Instant expiry) {
    }

    private record Watcher(String service, Consumer<RegistryEvent> listener) {
    }
}
