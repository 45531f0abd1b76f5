package io.microspring.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.microspring.annotation.MicroHandler;
import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.RetryPolicy;
import io.microspring.client.RpcClient;
import io.microspring.codec.Codecs;
import io.microspring.errors.MicroException;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;
import reactor.core.publisher.Mono;

/** Three real server nodes on loopback behind one client. */
class ClusterTest {

    record Who(String node) {
    }

    public static class Node {
        private final String name;

        Node(String name) {
            this.name = name;
        }

        @MicroHandler
        public Who whoAmI(Who ignored) {
            return new Who(name);
        }

        @MicroHandler
        public Mono<Who> slow(Who ignored) {
            return Mono.delay(Duration.ofSeconds(5)).thenReturn(new Who(name));
        }
    }

    final MemoryRegistry registry = new MemoryRegistry();
    final List<HttpTransport> transports = new ArrayList<>();
    final List<RpcServer> servers = new ArrayList<>();
    RpcClient client;

    @BeforeEach
    void startThreeNodes() {
        for (int i = 1; i <= 3; i++) {
            HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
            transports.add(transport);
            RpcServer server = new RpcServer(ServerSettings.builder("cluster").address("127.0.0.1:0").build(),
                    transport, registry, Codecs.standard(), List.of(), "http");
            server.handle(Handler.of("Node", new Node("node-" + i), Node.class));
            server.start();
            servers.add(server);
        }
        HttpTransport clientTransport = new HttpTransport(HttpTransportSettings.defaults());
        transports.add(clientTransport);
        client = new RpcClient(new RegistrySelector(new CachingRegistry(registry, Duration.ofMinutes(1)),
                Strategy.roundRobin(), Duration.ofSeconds(10)), clientTransport, Codecs.standard(),
                CallOptions.builder().requestTimeout(Duration.ofSeconds(10)).connectionTimeout(Duration.ofSeconds(1))
                        .retries(3).backoff(Backoff.exponential(Duration.ofMillis(10), Duration.ofMillis(100)))
                        .retryPolicy(RetryPolicy.unprocessedOnly()).contentType("application/json").build(),
                List.of());
    }

    @AfterEach
    void stopAll() {
        servers.forEach(RpcServer::stop);
        transports.forEach(HttpTransport::close);
    }

    @Test
    void callsSpreadOverAllThreeNodes() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        for (int i = 0; i < 30; i++) {
            counts.merge(whoAmI(), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("node-1", "node-2", "node-3");
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isEqualTo(10));
    }

    @Test
    void noCallFailsWhileANodeStops() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> afterStop = new ConcurrentHashMap<>();
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger calls = new AtomicInteger();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread caller = new Thread(() -> {
                while (running.get()) {
                    try {
                        boolean startedAfterStop = stopped.get();
                        String node = whoAmI();
                        calls.incrementAndGet();
                        if (startedAfterStop) {
                            afterStop.computeIfAbsent(node, n -> new AtomicInteger()).incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            });
            caller.start();
            callers.add(caller);
        }
        Thread.sleep(500);
        servers.get(0).stop();
        stopped.set(true);
        Thread.sleep(1000);
        running.set(false);
        for (Thread caller : callers) {
            caller.join();
        }
        assertThat(failures).isEmpty();
        assertThat(calls.get()).isGreaterThan(100);
        assertThat(afterStop).containsOnlyKeys("node-2", "node-3");
    }

    @Test
    void aHandlerPastTheCallersTimeoutGives408() {
        assertThatThrownBy(() -> client.callBlocking("cluster", "Node.Slow", new Who("x"), Who.class,
                CallOptions.builder().requestTimeout(Duration.ofMillis(300)).build()))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(408);
                    assertThat(e.id()).isEqualTo("go.micro.client");
                });
        assertThat(whoAmI()).startsWith("node-");
    }

    private String whoAmI() {
        return client.callBlocking("cluster", "Node.WhoAmI", new Who(""), Who.class).node();
    }
}
