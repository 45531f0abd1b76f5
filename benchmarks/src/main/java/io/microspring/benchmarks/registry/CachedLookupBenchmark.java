package io.microspring.benchmarks.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.NodeFilter;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;

/**
 * What every call pays for discovery once the cache is warm: {@link CachingRegistry#lookup} of a
 * service with 10 nodes and {@link RegistrySelector#select} of one of them (target: under 1 µs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms256m", "-Xmx256m"})
public class CachedLookupBenchmark {

    private static final String SERVICE = "go.micro.srv.greeter";

    private CachingRegistry cache;
    private RegistrySelector selector;

    @Setup
    public void warmCacheWithTenNodes() {
        MemoryRegistry registry = new MemoryRegistry();
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            nodes.add(new Node(SERVICE + "-" + i, "127.0.0.1:" + (10000 + i), Map.of("protocol", "mucp")));
        }
        registry.register(new Service(SERVICE, "latest", Map.of(), List.of(), nodes), Duration.ofMinutes(10));
        cache = new CachingRegistry(registry, CachingRegistry.DEFAULT_TTL);
        selector = new RegistrySelector(cache, Strategy.random(), RegistrySelector.DEFAULT_COOLDOWN);
        cache.getService(SERVICE); // the first lookup fills the cache
    }

    @TearDown
    public void close() {
        cache.close();
    }

    @Benchmark
    public List<Service> cachedLookup() {
        return cache.lookup(SERVICE).block();
    }

    @Benchmark
    public Node cachedLookupAndSelect() {
        return selector.select(SERVICE, List.<NodeFilter>of()).block();
    }
}
