package io.microspring.benchmarks.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.Service;
import io.microspring.registry.Value;
import io.microspring.registry.consul.ConsulRegistry;
import io.microspring.registry.consul.ConsulSettings;
import io.microspring.registry.etcd.EtcdRegistry;
import io.microspring.registry.etcd.EtcdSettings;
import io.microspring.testing.ConsulServer;
import io.microspring.testing.EtcdServer;
import io.microspring.testing.ExternalServer;

/**
 * Registration load and watch propagation against a real etcd and a real Consul dev agent, each
 * started on free loopback ports by the test harness:
 * <ol>
 * <li>{@code services} services of {@code nodes} nodes each are registered by {@value #WRITERS}
 * clients in parallel (as that many processes would); reported: the time to register them all and
 * the time until a watcher of every service (another client) has seen them all;</li>
 * <li>{@code samples} nodes are registered one after another while another client watches their
 * service; reported: p50 and p99 of the time from the start of {@code register} to the watch event.</li>
 * </ol>
 * Arguments: {@code [etcd|consul|both] [services] [nodes] [samples]}, by default {@code both 1000 3 200}.
 */
public final class RegistryLoadBenchmark {

    private static final int WRITERS = 8;
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private RegistryLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "both";
        int services = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int nodes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        System.out.println("| registry | register " + services + " x " + nodes + " | watcher saw all | watch p50 | watch p99 |");
        System.out.println("|---|---|---|---|---|");
        if (!which.equals("consul")) {
            try (EtcdServer etcd = new EtcdServer()) {
                etcd.start();
                run("etcd", etcd, () -> new EtcdRegistry(EtcdSettings.of(List.of(etcd.address()))), services, nodes,
                        samples);
            }
        }
        if (!which.equals("etcd")) {
            try (ConsulServer consul = new ConsulServer()) {
                consul.start();
                run("consul", consul, () -> new ConsulRegistry(ConsulSettings.of(consul.address())), services, nodes,
                        samples);
            }
        }
        System.exit(0);
    }

    private static void run(String name, ExternalServer server, Supplier<Registry> connect, int services, int nodes,
            int samples) throws Exception {
        List<Registry> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            writers.add(connect.get());
        }
        try (Registry watcher = connect.get(); Registry propagationWatcher = connect.get()) {
            int total = services * nodes;
            Set<String> seen = ConcurrentHashMap.newKeySet();
            CountDownLatch all = new CountDownLatch(total);
            watcher.watch(null, event -> {
                if (event.type() == RegistryEvent.Type.CREATE && event.service().name().startsWith("bench.load.")
                        && seen.add(event.service().nodes().get(0).id())) {
                    all.countDown();
                }
            });
            Thread.sleep(1000); // the watch is established

            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Registry writer = writers.get(w);
                int first = w;
                work.add(pool.submit(() -> {
                    for (int s = first; s < services; s += WRITERS) {
                        for (int n = 0; n < nodes; n++) {
                            writer.register(service("bench.load." + s, "bench.load." + s + "-" + n, 20000 + n), TTL);
                        }
                    }
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
            long registered = System.nanoTime();
            pool.shutdown();
            if (!all.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + ": the watcher saw " + seen.size() + " of " + total + " nodes");
            }
            long sawAll = System.nanoTime();

            Map<String, Long> arrivals = new ConcurrentHashMap<>();
            propagationWatcher.watch("bench.propagation", event -> {
                if (event.type() == RegistryEvent.Type.CREATE) {
                    arrivals.putIfAbsent(event.service().nodes().get(0).id(), System.nanoTime());
                }
            });
            Thread.sleep(1000);
            long[] latencies = new long[samples];
            for (int i = 0; i < samples; i++) {
                String id = "bench.propagation-" + i;
                long sent = System.nanoTime();
                writers.get(0).register(service("bench.propagation", id, 30000 + i), TTL);
                long deadline = sent + TimeUnit.SECONDS.toNanos(10);
                while (!arrivals.containsKey(id) && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                Long arrived = arrivals.get(id);
                if (arrived == null) {
                    throw new IllegalStateException(name + ": no watch event for " + id + " within 10s");
                }
                latencies[i] = arrived - sent;
            }
            Arrays.sort(latencies);
            System.out.printf("| %s | %.2f s | %.2f s | %.1f ms | %.1f ms |%n", name, seconds(registered - start),
                    seconds(sawAll - start), millis(percentile(latencies, 50)), millis(percentile(latencies, 99)));
        } finally {
            writers.forEach(Registry::close);
        }
    }

    private static Service service(String name, String nodeId, int port) {
        return new Service(name, "1.0.0", Map.of(),
                List.of(new Endpoint("Say.Hello", new Value("HelloRequest", "HelloRequest",
                        List.of(new Value("name", "string", null))), new Value("HelloResponse", "HelloResponse",
                                List.of(new Value("msg", "string", null))), Map.of("stream", "false"))),
                List.of(new Node(nodeId, "127.0.0.1:" + port, Map.of("protocol", "mucp", "registry", "bench"))));
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
