package io.microspring.selector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.microspring.errors.MicroException;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;
import reactor.core.publisher.Mono;

/**
 * The selector over a {@link Registry}'s {@link Registry#lookup lookup} (served from the cache when
 * the registry is the caching one, as configured by default): filters narrow
 * the nodes, nodes in their failure cool-down are left out (unless no other node is left), and the
 * strategy chooses among the rest.
 */
public final class RegistrySelector implements Selector {

    /** How long a node that failed at the connection level is skipped. */
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(10);

    private static final String ID = "go.micro.client";

    private final Registry registry;
    private final Strategy strategy;
    private final Duration cooldown;
    private final Clock clock;
    private final Map<String, Instant> failedUntil = new ConcurrentHashMap<>();
    private final Map<String, NodeList> nodeLists = new ConcurrentHashMap<>();

    /** Selecting from {@code registry} with {@code strategy}; failed nodes are skipped for {@code cooldown}. */
    public RegistrySelector(Registry registry, Strategy strategy, Duration cooldown) {
        this(registry, strategy, cooldown, Clock.systemUTC());
    }

    /** With an explicit clock. */
    public RegistrySelector(Registry registry, Strategy strategy, Duration cooldown, Clock clock) {
        this.registry = registry;
        this.strategy = strategy;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    @Override
    public Mono<Node> select(String service, List<NodeFilter> filters) {
        return registry.lookup(service)
                .onErrorMap(RegistryException.class, e -> MicroException.internalServerError(ID,
                        "cannot look up service %s: %s", service, e.getMessage()))
                .map(services -> choose(service, services, filters));
    }

    @Override
    public void markFailed(String service, Node node) {
        if (!cooldown.isZero()) {
            failedUntil.put(node.id(), clock.instant().plus(cooldown));
        }
    }

    /** Asks the (cached) registry: every version of the service that declares the endpoint must declare it idempotent. */
    @Override
    public Mono<Boolean> idempotent(String service, String endpoint) {
        return registry.lookup(service)
                .map(services -> {
                    List<Endpoint> declared = services.stream()
                            .flatMap(version -> version.endpoints().stream())
                            .filter(candidate -> candidate.name().equals(endpoint))
                            .toList();
                    return !declared.isEmpty() && declared.stream().allMatch(Endpoint::idempotent);
                })
                .onErrorReturn(false);
    }

    /** How many nodes are in their failure cool-down now, skipped while other nodes are left. */
    public int coolingDown() {
        Instant now = clock.instant();
        return (int) failedUntil.values().stream().filter(until -> !until.isBefore(now)).count();
    }

    private Node choose(String service, List<Service> services, List<NodeFilter> filters) {
        if (services.isEmpty()) {
            throw MicroException.notFound(ID, "service %s: not found", service);
        }
        List<Node> nodes = filters.isEmpty() ? unfilteredNodes(service, services) : filteredNodes(services, filters);
        if (nodes.isEmpty()) {
            throw MicroException.serviceUnavailable(ID, "service %s: no node matches the selector filters",
                    service);
        }
        List<Node> healthy = withoutCoolingDown(nodes);
        return strategy.choose(service, healthy.isEmpty() ? nodes : healthy);
    }

    /** The nodes of an unchanged service list come from the last call: lookups return the same list until it changes. */
    private List<Node> unfilteredNodes(String service, List<Service> services) {
        NodeList last = nodeLists.get(service);
        if (last != null && last.source() == services) {
            return last.nodes();
        }
        List<Node> nodes = sortedNodes(services);
        nodeLists.put(service, new NodeList(services, nodes));
        return nodes;
    }

    private static List<Node> filteredNodes(List<Service> services, List<NodeFilter> filters) {
        List<Service> eligible = services;
        for (NodeFilter filter : filters) {
            eligible = filter.apply(eligible);
        }
        return sortedNodes(eligible);
    }

    private static List<Node> sortedNodes(List<Service> services) {
        return services.stream()
                .flatMap(candidate -> candidate.nodes().stream())
                .sorted(Comparator.comparing(Node::id))
                .toList();
    }

    private List<Node> withoutCoolingDown(List<Node> nodes) {
        if (failedUntil.isEmpty()) {
            return nodes;
        }
        Instant now = clock.instant();
        failedUntil.values().removeIf(until -> until.isBefore(now));
        return nodes.stream().filter(node -> !failedUntil.containsKey(node.id())).toList();
    }

    /** The sorted nodes of one service list, as last looked up. */
    private record NodeList(List<Service> source, List<Node> nodes) {
    }
}
