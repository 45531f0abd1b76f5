package io.microspring.registry.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.microspring.annotation.MicroHandler;
import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.RetryPolicy;
import io.microspring.client.RpcClient;
import io.microspring.codec.Codecs;
import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;
import io.microspring.server.Handler;
import io.microspring.server.RpcServer;
import io.microspring.server.ServerSettings;
import io.microspring.testing.CallLoop;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;

/**
 * Base of the tests of a registry on a cluster that loses members: three greeter nodes, each with
 * a registry client of its own given every member's address (TTL {@value #TTL_SECONDS}s, heartbeat
 * every {@value #INTERVAL_SECONDS}s), and a client calling them in a loop through a {@link
 * CachingRegistry} whose entries are fetched again every second. The figures are printed as {@code CLUSTER} lines.
 */
abstract class RegistryClusterIT {

    static final int TTL_SECONDS = 6;
    static final int INTERVAL_SECONDS = 2;
    /** Short, so that the client asks the registry again and again while members die. */
    static final Duration CACHE_TTL = Duration.ofSeconds(1);

    private final String service = "cluster.greeter-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<RpcServer> nodes = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private RpcClient client;

    /** A new registry client given the address of every member of the cluster. */
    protected abstract Registry connect();

    /** The registry's name in the report. */
    protected abstract String registryName();

    @BeforeEach
    void startNodesAndClient() {
        for (int i = 1; i <= 3; i++) {
            HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
            Registry registry = connect();
            resources.add(registry);
            resources.add(transport);
            RpcServer node = new RpcServer(ServerSettings.builder(service).address("127.0.0.1:0")
                    .registerTtl(Duration.ofSeconds(TTL_SECONDS)).registerInterval(Duration.ofSeconds(INTERVAL_SECONDS))
                    .build(), transport, registry, Codecs.standard(), List.of(), "http");
            node.handle(Handler.of("Greeter", new Greeter("node-" + i), Greeter.class));
            node.start();
            nodes.add(node);
        }
        CachingRegistry cache = new CachingRegistry(connect(), CACHE_TTL);
        HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
        resources.add(cache.delegate());
        resources.add(cache);
        resources.add(transport);
        client = new RpcClient(new RegistrySelector(cache, Strategy.roundRobin(), Duration.ofSeconds(10)), transport,
                Codecs.standard(), CallOptions.builder().requestTimeout(Duration.ofSeconds(5))
                        .connectionTimeout(Duration.ofSeconds(1)).retries(1)
                        .backoff(Backoff.exponential(Duration.ofMillis(10), Duration.ofMillis(100)))
                        .retryPolicy(RetryPolicy.unprocessedOnly()).contentType("application/json").build(),
                List.of());
        awaitEveryNodeRegistered(Duration.ofSeconds(30));
    }

    @AfterEach
    void stopNodesAndClient() throws Exception {
        nodes.forEach(RpcServer::stop);
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    /** Calls the greeter in a loop until closed. */
    CallLoop callInALoop() {
        return new CallLoop(() -> client.callBlocking(service, "Greeter.WhoAmI", new WhoAmI(""), WhoAmI.class).name());
    }

    /**
     * Waits until a fresh registry client finds every node, asking every 100 ms (a request that
     * fails counts as not yet); returns how long that took.
     */
    Duration awaitEveryNodeRegistered(Duration within) {
        List<String> ids = nodes.stream().map(node -> node.service().nodes().get(0).id()).toList();
        long start = System.nanoTime();
        try (Registry fresh = connect()) {
            await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    return nodeIds(fresh.getService(service)).containsAll(ids);
                } catch (RegistryException e) {
                    return false;
                }
            });
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Asserts that every node is still registered more than a TTL after now: a node whose lease or
     * check was not renewed after the outage would have expired by then.
     */
    void assertEveryNodeStaysRegistered() {
        pause(Duration.ofSeconds(TTL_SECONDS + INTERVAL_SECONDS));
        awaitEveryNodeRegistered(Duration.ofSeconds(5));
    }

    /** Asserts that the calls went on, answered by every node. */
    static void assertCallsWentOn(CallLoop calls, int atLeast) {
        calls.assertNoFailure();
        assertThat(calls.answered()).isGreaterThanOrEqualTo(atLeast);
    }

    void report(String line) {
        System.out.println("CLUSTER [" + registryName() + "] " + line);
    }

    static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> nodeIds(List<Service> services) {
        return services.stream().flatMap(version -> version.nodes().stream()).map(Node::id).toList();
    }

    /** The request and the answer of {@code Greeter.WhoAmI}. */
    public record WhoAmI(String name) {
    }

    /** Answers with the node's name. */
    public static final class Greeter {
        private final String name;

        Greeter(String name) {
            this.name = name;
        }

        @MicroHandler
        public WhoAmI whoAmI(WhoAmI request) {
            return new WhoAmI(name);
        }
    }
}
