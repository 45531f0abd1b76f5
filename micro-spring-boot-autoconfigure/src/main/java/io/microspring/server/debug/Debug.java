package io.microspring.server.debug;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.server.debug.proto.HealthRequest;
import io.microspring.server.debug.proto.HealthResponse;
import io.microspring.server.debug.proto.StatsRequest;
import io.microspring.server.debug.proto.StatsResponse;

/**
 * go-micro's Debug service, handler {@code Debug}: {@code Debug.Health} answers the node's status
 * ({@code ok} when it serves) and {@code Debug.Stats} the JVM's figures in go-micro's fields, so
 * that go-micro's tools and {@code micro health} / {@code micro stats} read Java nodes as Go ones.
 */
@MicroService(handler = Debug.HANDLER)
public final class Debug {

    /** The handler name, as go-micro's: endpoints {@code Debug.Health} and {@code Debug.Stats}. */
    public static final String HANDLER = "Debug";

    /** The status of a node that serves, go-micro's only one. */
    public static final String OK = "ok";

    private final Supplier<String> status;
    private final CallCounter calls;
    private final Clock clock;

    /** Answering {@code status} to Health and counting requests and errors with {@code calls}. */
    public Debug(Supplier<String> status, CallCounter calls) {
        this(status, calls, Clock.systemUTC());
    }

    Debug(Supplier<String> status, CallCounter calls, Clock clock) {
        this.status = status;
        this.calls = calls;
        this.clock = clock;
    }

    /** The node's status: {@code ok} when it serves; open to health checks also when the service requires auth. */
    @MicroHandler(auth = "public")
    public HealthResponse health(HealthRequest request) {
        return HealthResponse.newBuilder().setStatus(status.get()).build();
    }

    /** When the JVM started, its uptime, heap in use, threads, total GC time, and the calls served. */
    @MicroHandler
    public StatsResponse stats(StatsRequest request) {
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        long gcMillis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, collector.getCollectionTime());
        }
        return StatsResponse.newBuilder()
                .setTimestamp(TimeUnit.MILLISECONDS.toSeconds(clock.millis()))
                .setStarted(TimeUnit.MILLISECONDS.toSeconds(runtime.getStartTime()))
                .setUptime(TimeUnit.MILLISECONDS.toSeconds(runtime.getUptime()))
                .setMemory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed())
                .setThreads(ManagementFactory.getThreadMXBean().getThreadCount())
                .setGc(TimeUnit.MILLISECONDS.toNanos(gcMillis))
                .setRequests(calls.requests())
                .setErrors(calls.errors())
                .build();
    }
}
