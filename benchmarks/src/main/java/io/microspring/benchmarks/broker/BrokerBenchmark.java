package io.microspring.benchmarks.broker;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.microspring.broker.Broker;
import io.microspring.broker.http.HttpBroker;
import io.microspring.broker.http.HttpBrokerSettings;
import io.microspring.broker.nats.NatsBroker;
import io.microspring.broker.nats.NatsBrokerSettings;
import io.microspring.broker.rabbitmq.RabbitMqBroker;
import io.microspring.broker.rabbitmq.RabbitMqBrokerSettings;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.testing.NatsServer;
import io.microspring.testing.RabbitMqServer;

/**
 * Messages per second and publish-to-receive latency of the http, nats and rabbitmq brokers, each
 * side by side in one run with the raw client library moving the same 128-byte payload (jnats
 * publish/subscribe, amqp-client publish/consume with the same prefetch and acknowledgement; for
 * NATS also jnats writing and reading go-micro's JSON envelope, the wire format every go-micro
 * compatible client pays for):
 * <ul>
 * <li>throughput: {@code messages} published by one thread as fast as the target takes them, timed
 * until the last one is received; after a warm-up round, the rounds of all targets of a broker are
 * interleaved and the median round is reported;</li>
 * <li>latency: {@value #LATENCY_SAMPLES} messages, one every {@value #LATENCY_INTERVAL_MICROS} us,
 * each stamped with {@link System#nanoTime()} at publication (one process, so one clock).</li>
 * </ul>
 * Our brokers are measured at two levels: the {@code Broker} API ("broker"), and an application's
 * whole path, {@code MicroClient.publish} of a JSON object to a {@code @MicroSubscriber} ("client").
 * NATS and RabbitMQ run as the test harness starts them, on free loopback ports.
 * Arguments: {@code [brokers] [messages] [rounds]}, by default {@code http,nats,rabbitmq 100000 5}
 * (the http broker gets a fifth of the messages: each is an HTTP request).
 */
public final class BrokerBenchmark {

    private static final int LATENCY_SAMPLES = 2000;
    private static final int LATENCY_INTERVAL_MICROS = 500;
    private static final int HTTP_CONCURRENCY = 64;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private BrokerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        List<String> brokers = List.of((args.length > 0 ? args[0] : "http,nats,rabbitmq").split(","));
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.printf("| broker | path | msgs/s (median of %d) | x raw | p50 ms | p99 ms |%n", rounds);
        System.out.println("|---|---|---|---|---|---|");
        for (String broker : brokers) {
            switch (broker) {
                case "http" -> measure("http", httpTargets(), Math.max(1, messages / 5), rounds);
                case "nats" -> {
                    try (NatsServer nats = new NatsServer()) {
                        nats.start();
                        measure("nats", natsTargets(nats.url()), messages, rounds);
                    }
                }
                case "rabbitmq" -> {
                    try (RabbitMqServer rabbit = new RabbitMqServer().withStartupTimeout(Duration.ofMinutes(3))) {
                        rabbit.start();
                        measure("rabbitmq", rabbitTargets(rabbit.amqpUri()), messages, rounds);
                    }
                }
                default -> throw new IllegalArgumentException("unknown broker " + broker + " (http, nats, rabbitmq)");
            }
        }
    }

    private static List<Target> httpTargets() {
        MemoryRegistry registry = new MemoryRegistry();
        return List.of(
                new MicroTarget("micro http (broker)", http(registry), http(registry), false, HTTP_CONCURRENCY),
                new MicroTarget("micro http (client)", http(registry), http(registry), true, HTTP_CONCURRENCY));
    }

    private static Broker http(MemoryRegistry registry) {
        return new HttpBroker(HttpBrokerSettings.defaults(), new CachingRegistry(registry, Duration.ofMinutes(1)));
    }

    private static List<Target> natsTargets(String url) throws Exception {
        return List.of(new RawNats(url, "bench.raw", false), new RawNats(url, "bench.raw.wire", true),
                new MicroTarget("micro nats (broker)", nats(url), nats(url), false, 1),
                new MicroTarget("micro nats (client)", nats(url), nats(url), true, 1));
    }

    private static Broker nats(String url) {
        NatsBroker broker = new NatsBroker(NatsBrokerSettings.defaults().withServers(List.of(url)));
        broker.connect();
        return broker;
    }

    private static List<Target> rabbitTargets(String uri) throws Exception {
        return List.of(new RawRabbitMq(uri, "bench.raw"),
                new MicroTarget("micro rabbitmq (broker)", rabbit(uri), rabbit(uri), false, 1),
                new MicroTarget("micro rabbitmq (client)", rabbit(uri), rabbit(uri), true, 1));
    }

    private static Broker rabbit(String uri) {
        RabbitMqBroker broker = new RabbitMqBroker(RabbitMqBrokerSettings.defaults().withUri(URI.create(uri)));
        broker.connect();
        return broker;
    }

    private static void measure(String broker, List<Target> targets, int messages, int rounds) {
        List<Recorder> recorders = new ArrayList<>();
        try {
            for (Target target : targets) {
                Recorder recorder = new Recorder();
                recorders.add(recorder);
                target.start(recorder);
                throughput(target, recorder, messages); // warm-up: a whole round, so that the JIT has compiled the path
            }
            double[][] rates = new double[targets.size()][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < targets.size(); i++) {
                    rates[i][round] = throughput(targets.get(i), recorders.get(i), messages);
                }
            }
            double raw = targets.get(0).name().contains("raw") ? median(rates[0]) : Double.NaN;
            for (int i = 0; i < targets.size(); i++) {
                long[] latencies = latency(targets.get(i), recorders.get(i));
                double rate = median(rates[i]);
                System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %s | %.2f | %.2f |%n", broker, targets.get(i).name(),
                        rate, Double.isNaN(raw) ? "" : String.format(Locale.ROOT, "%.2f", rate / raw),
                        percentile(latencies, 50), percentile(latencies, 99));
            }
        } finally {
            targets.forEach(Target::close);
        }
    }

    /** Messages per second from the first publish to the last receive. */
    private static double throughput(Target target, Recorder recorder, int messages) {
        long expected = recorder.received.get() + messages;
        long start = System.nanoTime();
        target.publishAll(messages);
        recorder.await(expected, target.name());
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    private static long[] latency(Target target, Recorder recorder) {
        long[] latencies = new long[LATENCY_SAMPLES];
        recorder.record(latencies);
        long expected = recorder.received.get() + LATENCY_SAMPLES;
        long next = System.nanoTime();
        for (int i = 0; i < LATENCY_SAMPLES; i++) {
            target.publishOne();
            next += LATENCY_INTERVAL_MICROS * 1_000L;
            LockSupport.parkNanos(next - System.nanoTime());
        }
        recorder.await(expected, target.name());
        recorder.record(null);
        return latencies;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The {@code percent} percentile of {@code nanos}, in milliseconds. */
    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)] / 1e6;
    }

    /** Counts the messages a target receives and, while asked to, records their latencies. */
    private static final class Recorder implements LongConsumer {

        final AtomicLong received = new AtomicLong();
        private final AtomicInteger recorded = new AtomicInteger();
        private volatile long[] latencies;

        @Override
        public void accept(long sentAt) {
            long[] into = latencies;
            if (into != null) {
                int index = recorded.getAndIncrement();
                if (index < into.length) {
                    into[index] = System.nanoTime() - sentAt;
                }
            }
            received.incrementAndGet();
        }

        void record(long[] into) {
            recorded.set(0);
            latencies = into;
        }

        void await(long count, String target) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (received.get() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(target + " received " + received.get() + " of " + count
                            + " messages within " + PATIENCE);
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }
}
