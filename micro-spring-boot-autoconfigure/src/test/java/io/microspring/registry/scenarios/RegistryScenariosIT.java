package io.microspring.registry.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.RetryPolicy;
import io.microspring.client.RpcClient;
import io.microspring.codec.Codecs;
import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.Service;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.scenarios.GreeterNodeApplication.WhoAmI;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;
import io.microspring.testing.CallLoop;
import io.microspring.testing.ExternalProcess;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;

/**
 * The scenarios against a real registry server, in order over one set of greeter nodes,
 * each a JVM of its own ({@link GreeterNodeApplication}, TTL {@value #TTL_SECONDS}s, heartbeat
 * every {@value #INTERVAL_SECONDS}s). The client runs in this JVM: an {@link RpcClient} over a
 * {@link CachingRegistry} over the registry under test. Timings are printed as {@code SCENARIO}
 * lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class RegistryScenariosIT {

    static final int TTL_SECONDS = 6;
    static final int INTERVAL_SECONDS = 2;
    private static final Duration NODE_STARTUP = Duration.ofSeconds(90);
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Pattern READY = Pattern.compile("^READY (\\S+) (\\S+)$");
    private static final Pattern LISTENING = Pattern.compile("Listening on");
    private static final Pattern REGISTERED = Pattern.compile("Registered node");

    private final String service = "scenario.greeter-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, GreeterNode> nodes = new LinkedHashMap<>();
    private Registry registry;
    private CachingRegistry cache;
    private HttpTransport transport;
    private RpcClient client;

    /** A new client of the registry server. */
    protected abstract Registry connect();

    /** {@code micro.registry} of the nodes. */
    protected abstract String registryName();

    /** {@code micro.registry-address} of the nodes. */
    protected abstract String registryAddress();

    /** Stops the registry server (its data is kept or lost as the server does on restart). */
    protected abstract void stopServer();

    /** Starts the registry server again on the same ports. */
    protected abstract void startServer();

    /** How long after a crash a node may still be found: the TTL plus the server's own delay. */
    protected abstract Duration crashedNodeGoneWithin();

    /** How long a watch may keep a node missing after the server came back. */
    protected Duration recoveredWatchWithin() {
        return Duration.ofSeconds(5);
    }

    @BeforeAll
    void startThreeNodesAndTheClient() {
        List<String> names = List.of("node-1", "node-2", "node-3");
        names.forEach(name -> nodes.put(name, GreeterNode.launch(name, nodeArguments(name))));
        nodes.values().forEach(node -> node.awaitReady(NODE_STARTUP));
        registry = connect();
        cache = new CachingRegistry(registry, CachingRegistry.DEFAULT_TTL);
        transport = new HttpTransport(HttpTransportSettings.defaults());
        client = new RpcClient(new RegistrySelector(cache, Strategy.roundRobin(), Duration.ofSeconds(10)), transport,
                Codecs.standard(), CallOptions.builder().requestTimeout(Duration.ofSeconds(5))
                        .connectionTimeout(Duration.ofSeconds(1)).retries(3)
                        .backoff(Backoff.exponential(Duration.ofMillis(10), Duration.ofMillis(200)))
                        // WhoAmI is idempotent: a call cut off by a crash may be sent again to another node
                        .retryPolicy(RetryPolicy.always()).contentType("application/json").build(),
                List.of());
    }

    @AfterAll
    void stopEverything() {
        if (cache != null) {
            cache.close();
            registry.close();
            transport.close();
        }
        nodes.values().forEach(GreeterNode::stop);
    }

    @Test
    @Order(1)
    void manyNodesShareTheCalls() {
        assertThat(nodeIds(cache.getService(service))).containsExactlyInAnyOrderElementsOf(ids("node-1", "node-2", "node-3"));
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            answers.merge(whoAmI(), 1, Integer::sum);
        }
        report("many nodes: 30 calls answered by " + answers);
        assertThat(answers).containsOnlyKeys("node-1", "node-2", "node-3");
        assertThat(answers.values()).allSatisfy(count -> assertThat(count).isEqualTo(10));
    }

    @Test
    @Order(2)
    void aCrashedNodeDisappearsWithinItsTtlWhileCallsGoOn() {
        GreeterNode crashed = nodes.remove("node-3");
        try (CallLoop calls = new CallLoop(this::whoAmI)) {
            long start = System.nanoTime();
            crashed.kill();
            Duration fromCache = awaitGone(crashed.id, () -> cache.getService(service), crashedNodeGoneWithin());
            Duration fromServer = awaitGone(crashed.id, () -> registry.getService(service), crashedNodeGoneWithin());
            report("crashed node (SIGKILL): gone from the client's cache " + fromCache.toMillis()
                    + " ms after the kill, from the server " + (fromCache.toMillis() + fromServer.toMillis())
                    + " ms after (TTL " + TTL_SECONDS + "s); "
                    + calls.summary());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(crashedNodeGoneWithin());
            calls.assertNoFailure();
        }
    }

    @Test
    @Order(3)
    void aStoppedNodeDisappearsAtOnce() {
        GreeterNode stopped = nodes.remove("node-2");
        List<Seen> events = new CopyOnWriteArrayList<>();
        try (CallLoop calls = new CallLoop(this::whoAmI); Registry watcher = connect()) {
            watcher.watch(service, event -> events.add(new Seen(event, System.nanoTime())));
            long sigterm = System.nanoTime();
            stopped.stopAsync();
            Duration watched = awaitEvent(events, event -> event.type() == RegistryEvent.Type.DELETE
                    && nodeIds(List.of(event.service())).contains(stopped.id), sigterm, Duration.ofSeconds(3));
            Duration fromCache = awaitGone(stopped.id, () -> cache.getService(service), Duration.ofSeconds(3));
            stopped.stop();
            report("graceful stop (SIGTERM): a watch saw the node deleted " + watched.toMillis()
                    + " ms after SIGTERM, the client's cache dropped it after " + fromCache.toMillis() + " ms; "
                    + calls.summary());
            calls.assertNoFailure();
        }
    }

    @Test
    @Order(4)
    void anotherProcessSeesANewNodeWithinOneSecond() {
        List<Seen> events = new CopyOnWriteArrayList<>();
        try (Registry watcher = connect()) {
            watcher.watch(service, event -> events.add(new Seen(event, System.nanoTime())));
            GreeterNode added = GreeterNode.launch("node-4", nodeArguments("node-4"));
            nodes.put("node-4", added);
            long registering = added.awaitLine(LISTENING, NODE_STARTUP);
            long registered = added.awaitLine(REGISTERED, NODE_STARTUP);
            added.awaitReady(NODE_STARTUP);
            Predicate<RegistryEvent> created = event -> event.type() == RegistryEvent.Type.CREATE
                    && nodeIds(List.of(event.service())).contains(added.id);
            Duration afterRegistered = awaitEvent(events, created, registered, Duration.ofSeconds(1));
            report("watch: a new node of another process seen " + afterRegistered.toMillis() + " ms after its "
                    + "registration returned (negative: before its log line arrived), "
                    + awaitEvent(events, created, registering, Duration.ofSeconds(5)).toMillis()
                    + " ms after it started registering (its first etcd/Consul call included)");
        }
    }

    @Test
    @Order(5)
    void callsGoOnThroughARegistryOutageAndNodesRegisterAgain() throws InterruptedException {
        List<String> running = nodes.values().stream().map(node -> node.id).toList();
        try (CallLoop calls = new CallLoop(this::whoAmI)) {
            Thread.sleep(500);
            stopServer();
            long down = System.nanoTime();
            Thread.sleep(OUTAGE.toMillis());
            int callsDuringOutage = calls.answered();
            startServer();
            long up = System.nanoTime();
            report("registry outage: down for " + Duration.ofNanos(up - down).toSeconds() + " s, "
                    + callsDuringOutage + " calls made while down");
            try (Registry fresh = connect()) {
                await().atMost(Duration.ofSeconds(INTERVAL_SECONDS * 3L)).pollInterval(Duration.ofMillis(100))
                        .until(() -> nodeIds(fresh.getService(service)).containsAll(running));
            }
            report("registry back: every running node (" + running.size() + ") registered again after "
                    + Duration.ofNanos(System.nanoTime() - up).toMillis() + " ms; " + calls.summary());
            calls.assertNoFailure();
            assertThat(calls.answered()).isGreaterThan(100);
        }
        // the client's watch is live again: a node stopped now leaves its cache
        GreeterNode stopped = nodes.remove("node-4");
        stopped.stop();
        Duration dropped = awaitGone(stopped.id, () -> cache.getService(service), recoveredWatchWithin());
        report("after the outage the client's watch saw a stopped node go within " + dropped.toMillis() + " ms");
    }

    private List<String> nodeArguments(String name) {
        return List.of("--micro.registry=" + registryName(), "--micro.registry-address=" + registryAddress(),
                "--micro.server-name=" + service, "--micro.server-address=127.0.0.1:0",
                "--micro.register-ttl=" + TTL_SECONDS + "s", "--micro.register-interval=" + INTERVAL_SECONDS + "s",
                "--micro.register-fail-fast=false", "--node.name=" + name, "--logging.level.root=warn",
                "--logging.level.io.microspring=info");
    }

    private String whoAmI() {
        return client.callBlocking(service, "Greeter.WhoAmI", new WhoAmI(""), WhoAmI.class).name();
    }

    private List<String> ids(String... names) {
        return Arrays.stream(names).map(name -> nodes.get(name).id).toList();
    }

    private static List<String> nodeIds(List<Service> services) {
        return services.stream().flatMap(version -> version.nodes().stream()).map(Node::id).toList();
    }

    private static Duration awaitGone(String nodeId, Supplier<List<Service>> lookup, Duration within) {
        long start = System.nanoTime();
        await().atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> !nodeIds(lookup.get()).contains(nodeId));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static Duration awaitEvent(List<Seen> events, Predicate<RegistryEvent> wanted, long sinceNanos,
            Duration within) {
        await().atMost(within.plus(Duration.ofSeconds(5))).pollInterval(Duration.ofMillis(10))
                .until(() -> events.stream().anyMatch(seen -> wanted.test(seen.event())));
        long at = events.stream().filter(seen -> wanted.test(seen.event())).findFirst().orElseThrow().atNanos();
        Duration latency = Duration.ofNanos(at - sinceNanos);
        assertThat(latency).as("event latency").isLessThanOrEqualTo(within);
        return latency;
    }

    private void report(String line) {
        System.out.println("SCENARIO [" + registryName() + "] " + line);
    }

    /** An event of a watch and when it arrived. */
    private record Seen(RegistryEvent event, long atNanos) {
    }

    /** A greeter node process. */
    private static final class GreeterNode {
        private final ExternalProcess process;
        private final Map<Pattern, CompletableFuture<Long>> lines = new ConcurrentHashMap<>();
        private String id;

        private GreeterNode(ExternalProcess process) {
            this.process = process;
            for (Pattern line : List.of(LISTENING, REGISTERED)) {
                CompletableFuture<Long> arrived = new CompletableFuture<>();
                lines.put(line, arrived);
                Thread watcher = new Thread(() -> {
                    try {
                        process.awaitMatch(line, NODE_STARTUP);
                        arrived.complete(System.nanoTime());
                    } catch (RuntimeException e) {
                        arrived.completeExceptionally(e);
                    }
                }, process.name() + "-" + line.pattern());
                watcher.setDaemon(true);
                watcher.start();
            }
        }

        static GreeterNode launch(String name, List<String> arguments) {
            List<String> command = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xmx160m", "-Xss512k", "-cp", System.getProperty("java.class.path"),
                    GreeterNodeApplication.class.getName()));
            command.addAll(arguments);
            return new GreeterNode(ExternalProcess.builder(name,
                    Paths.get(System.getProperty("java.home"), "bin", "java")).args(command)
                    .stopTimeout(Duration.ofSeconds(15)).start());
        }

        /** When the node's log line matching {@code line} ({@link #LISTENING} or {@link #REGISTERED}) arrived. */
        long awaitLine(Pattern line, Duration timeout) {
            try {
                return lines.get(line).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw (RuntimeException) e.getCause();
            } catch (TimeoutException | InterruptedException e) {
                throw new IllegalStateException(process.name() + " printed no line /" + line + "/ within " + timeout, e);
            }
        }

        void awaitReady(Duration timeout) {
            MatchResult ready = process.awaitMatch(READY, timeout, ExternalProcess.Stream.STDOUT);
            id = ready.group(1);
        }

        void kill() {
            process.kill();
        }

        /** Sends SIGTERM without waiting for the process to end. */
        void stopAsync() {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        }

        void stop() {
            process.stop();
        }
    }
}
