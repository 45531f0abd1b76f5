package io.microspring.selector;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.microspring.registry.Node;

/** Chooses one node among the eligible nodes of a service. */
@FunctionalInterface
public interface Strategy {

    /** One of {@code nodes}, which is never empty. */
    Node choose(String service, List<Node> nodes);

    /** A uniformly random node: go-micro's default. */
    static Strategy random() {
        return (service, nodes) -> nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
    }

    /** Each node in turn, per service. */
    static Strategy roundRobin() {
        Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
        return (service, nodes) -> {
            int next = counters.computeIfAbsent(service, name -> new AtomicInteger()).getAndIncrement();
            return nodes.get(Math.floorMod(next, nodes.size()));
        };
    }
}
