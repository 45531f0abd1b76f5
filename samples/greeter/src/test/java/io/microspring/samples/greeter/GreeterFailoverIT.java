package io.microspring.samples.greeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.errors.MicroException;
import io.microspring.registry.Registry;
import io.microspring.testing.EtcdServer;
import io.microspring.testing.ExternalProcess;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One of three greeter nodes (the jar, each its own process, registered in a real etcd) dies under
 * load: frozen first (SIGSTOP), so that calls are surely in flight on it, then SIGKILLed, which
 * breaks their connections after the requests were sent. The idempotent {@code Say.Hello} is
 * tried again on another node, so none of its calls fails; the non-idempotent {@code Say.Greet}
 * fails for exactly the calls in flight on the dead node, each a 500 naming the service but no
 * node's address; every call started after the kill succeeds.
 *
 * <p>The caller keeps no connection for a second call ({@code micro.client-pool-ttl} of 1 ms), so
 * that each call's request is the first on its connection. A request on a kept-alive connection
 * that meets a reset is sent once more, since the reset proves the node read nothing (as here,
 * frozen): with kept connections, whether any {@code Say.Greet} fails would depend on how many of
 * the calls held by the frozen node had found one ({@code PooledConnectionsTest} covers that case).
 */
class GreeterFailoverIT {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    private static final String SERVICE = GreeterJar.SERVICE;
    /** Calls running at once for each endpoint: the load. */
    private static final int CONCURRENCY = 8;
    private static final Pattern REGISTERED = GreeterJar.registered("etcd");

    @Test
    void whenANodeDiesUnderLoadThenIdempotentCallsAreRetriedAndOnlyNonIdempotentCallsInFlightOnItFail() {
        List<ExternalProcess> nodes = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        try (ConfigurableApplicationContext caller = new SpringApplicationBuilder(Caller.class)
                .web(WebApplicationType.NONE)
                .run("--micro.registry=etcd", "--micro.registry-address=" + etcd.address(),
                        "--micro.etcd.dial-timeout=60s", "--micro.client-pool-ttl=1ms",
                        "--spring.main.banner-mode=off")) {
            for (int i = 0; i < 3; i++) {
                nodes.add(startGreeter());
            }
            for (ExternalProcess node : nodes) {
                MatchResult registered = node.awaitMatch(REGISTERED, Duration.ofSeconds(300));
                addresses.add(registered.group(2));
            }
            MicroClient client = caller.getBean(MicroClient.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> caller.getBean(Registry.class)
                    .getService(SERVICE).stream().mapToInt(version -> version.nodes().size()).sum() == 3);

            Load hello = new Load(client, "Say.Hello");
            Load greet = new Load(client, "Say.Greet");
            hello.start();
            greet.start();
            hello.awaitCompleted(200);
            greet.awaitCompleted(200);

            ExternalProcess dying = nodes.get(0);
            dying.suspend();
            int helloAtStop = hello.started();
            int greetAtStop = greet.started();
            // calls keep going to the frozen node, and stay there, until it is killed
            hello.awaitHeldOrStarted(helloAtStop + 3 * CONCURRENCY);
            greet.awaitHeldOrStarted(greetAtStop + 3 * CONCURRENCY);
            dying.kill();
            long killed = System.nanoTime();
            int helloAtKill = hello.started();
            int greetAtKill = greet.started();
            hello.awaitCompleted(helloAtKill + 300);
            greet.awaitCompleted(greetAtKill + 300);
            hello.stop();
            greet.stop();

            assertThat(hello.failures()).as("idempotent Say.Hello: failed calls").isEmpty();
            System.out.printf("Say.Hello: %d calls, %d in flight at the kill, %d failed; Say.Greet: %d calls, %d in "
                    + "flight at the kill, %d failed%n", hello.completed(), hello.inFlightAt(helloAtKill, killed),
                    hello.failures().size(), greet.completed(), greet.inFlightAt(greetAtKill, killed),
                    greet.failures().size());
            assertThat(hello.inFlightAt(helloAtKill, killed)).as("Say.Hello calls in flight at the kill").isPositive();

            List<Outcome> failed = greet.failures();
            assertThat(failed).as("Say.Greet calls in flight on the dead node").isNotEmpty();
            assertThat(failed).allSatisfy(outcome -> {
                assertThat(outcome.index()).as("started before the kill").isLessThan(greetAtKill);
                assertThat(outcome.error()).isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(500);
                    assertThat(e.detail()).contains(SERVICE);
                    addresses.forEach(address -> assertThat(e.detail()).doesNotContain(address)
                            .doesNotContain(address.substring(address.lastIndexOf(':') + 1)));
                });
            });
            assertThat(greet.completed() - failed.size()).as("Say.Greet calls answered").isPositive();
        } finally {
            nodes.forEach(ExternalProcess::stop);
        }
    }

    private static ExternalProcess startGreeter() {
        // C1 only and one GC thread: three JVMs start on a busy machine in less CPU time
        return GreeterJar.command("greeter", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                .args("--server.port=0", "--registry=etcd", "--registry_address=" + etcd.address(),
                        "--register_ttl=30s", "--register_interval=10s", "--micro.etcd.dial-timeout=60s")
                .env(Map.of())
                .start();
    }

    /** The caller: micro's auto-configuration only, so just a client over etcd. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Caller {
    }

    /** How long no call must end for the load to count as held by the frozen node. */
    private static final Duration HELD = Duration.ofSeconds(1);

    /** The outcome of call number {@code index}: its error, or {@code null}; when it ended ({@link System#nanoTime}). */
    record Outcome(int index, Throwable error, long endedNanos) {
    }

    /** {@link #CONCURRENCY} calls of one endpoint at a time, one after another, until stopped. */
    static final class Load {

        private final MicroClient client;
        private final String endpoint;
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong lastEnded = new AtomicLong(System.nanoTime());
        private Disposable running;

        Load(MicroClient client, String endpoint) {
            this.client = client;
            this.endpoint = endpoint;
        }

        void start() {
            running = Flux.generate(sink -> sink.next(started.getAndIncrement()))
                    .takeWhile(index -> !stopped.get())
                    .flatMap(index -> call((Integer) index), CONCURRENCY)
                    .subscribeOn(Schedulers.boundedElastic())
                    .subscribe(outcome -> {
                        outcomes.add(outcome);
                        lastEnded.set(outcome.endedNanos());
                    });
        }

        private Mono<Outcome> call(int index) {
            // JSON maps: the sample's generated classes are inside the repackaged jar, not on the test's class path
            return client.call(SERVICE, endpoint, Map.of("name", "n" + index), Map.class,
                            CallOptions.builder().requestTimeout(Duration.ofSeconds(60)).build())
                    .map(response -> new Outcome(index, null, System.nanoTime()))
                    .onErrorResume(error -> Mono.just(new Outcome(index, error, System.nanoTime())));
        }

        int started() {
            return started.get();
        }

        int completed() {
            return outcomes.size();
        }

        /**
         * Waits until {@code count} calls have started, or until every call running is held (none
         * ended for {@link #HELD}), as happens once all of them went to the frozen node.
         */
        void awaitHeldOrStarted(int count) {
            await().atMost(Duration.ofSeconds(60)).until(() -> started.get() >= count
                    || System.nanoTime() - lastEnded.get() > HELD.toNanos());
        }

        void awaitCompleted(int count) {
            await().atMost(Duration.ofSeconds(120)).until(() -> outcomes.size() >= count);
        }

        void stop() {
            stopped.set(true);
            await().atMost(Duration.ofSeconds(120)).until(() -> outcomes.size() >= started.get() - 1);
            running.dispose();
        }

        List<Outcome> failures() {
            synchronized (outcomes) {
                return outcomes.stream().filter(outcome -> outcome.error() != null).toList();
            }
        }

        /** Calls started before call {@code startedBefore} that ended after {@code nanos}: in flight then. */
        long inFlightAt(int startedBefore, long nanos) {
            synchronized (outcomes) {
                return outcomes.stream().filter(outcome -> outcome.index() < startedBefore)
                        .filter(outcome -> outcome.endedNanos() > nanos).count();
            }
        }
    }
}
