package io.microspring.transport.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.microspring.net.HostPort;
import io.netty.channel.EventLoop;
import io.netty.util.NetUtil;

/**
 * The kept-alive connections to one node, as go-micro's pool keeps them, with one difference: a
 * connection goes back to the pool after its answer, and a connection older than {@code ttl} is
 * not used again (closed when it comes back or is found in the pool; idle ones are also closed
 * when their time is up). go-micro closes a connection that comes back while {@code maxIdle} are
 * idle already; here it is kept, and closed only once it has been idle for {@link #SURPLUS_IDLE}
 * while more than {@code maxIdle} are idle (least recently used first). So while more calls are
 * busy at once than {@code maxIdle}, their connections are used again instead of being opened and
 * closed call after call, and once demand falls back, {@code maxIdle} idle connections remain.
 * The idle connections are kept per event loop, so that a call takes a connection served by the
 * thread it runs on; each loop's are touched only by that loop. The counts may be read from any
 * thread.
 */
final class NodePool {

    /** How long a connection beyond {@code maxIdle} stays idle before it is closed. */
    static final Duration SURPLUS_IDLE = Duration.ofSeconds(5);
    private static final long SURPLUS_IDLE_NANOS = SURPLUS_IDLE.toNanos();

    private final String address;
    private final HostPort node;
    private final InetSocketAddress ipAddress;
    private final int maxIdle;
    private final long ttlNanos;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger idle = new AtomicInteger();
    private final Map<EventLoop, LoopIdle> loops = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException when {@code address} is not {@code host:port} */
    NodePool(String address, int maxIdle, long ttlNanos) {
        this.address = address;
        this.node = HostPort.parse(address);
        String host = node.host();
        this.ipAddress = NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)
                ? new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(host), node.port()) : null;
        this.maxIdle = maxIdle;
        this.ttlNanos = ttlNanos;
    }

    /** The node's {@code host:port}, as the caller gave it. */
    String address() {
        return address;
    }

    /** The node's host and port. */
    HostPort node() {
        return node;
    }

    /** The node's socket address when its host is an IP address, else {@code null} (to be looked up). */
    InetSocketAddress ipAddress() {
        return ipAddress;
    }

    /** Connections open to the node now, idle or busy. */
    int openConnections() {
        return open.get();
    }

    /** Connections to the node idle in the pool now. */
    int idleConnections() {
        return idle.get();
    }

    void opened() {
        open.incrementAndGet();
    }

    /** A connection has closed: counted no more, and out of the pool if it was idle there. */
    void closed(UnaryConnection connection) {
        open.decrementAndGet();
        if (connection.parked) {
            loops.get(connection.eventLoop()).connections.remove(connection);
            unpark(connection);
        }
    }

    /** The most recently parked idle connection served by {@code loop} and young enough, or {@code null}. On {@code loop}. */
    UnaryConnection take(EventLoop loop) {
        LoopIdle parked = loops.get(loop);
        if (parked == null) {
            return null;
        }
        long now = System.nanoTime();
        UnaryConnection connection;
        while ((connection = parked.connections.pollLast()) != null) {
            unpark(connection);
            if (connection.isActive() && !expired(connection, now)) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    /** Puts a connection back after its answer, or closes it (too old). On its loop. */
    void park(UnaryConnection connection) {
        long now = System.nanoTime();
        if (!connection.isActive() || expired(connection, now)) {
            connection.close();
            return;
        }
        connection.parked = true;
        connection.parkedNanos = now;
        EventLoop loop = connection.eventLoop();
        LoopIdle parked = loops.computeIfAbsent(loop, key -> new LoopIdle());
        parked.connections.addLast(connection);
        if (!parked.sweepScheduled) {
            parked.sweepScheduled = true;
            loop.schedule(() -> sweep(loop, parked), remaining(connection, now), TimeUnit.NANOSECONDS);
        }
        if (idle.incrementAndGet() > maxIdle) {
            loops.forEach((anyLoop, itsIdle) -> scheduleTrim(anyLoop, itsIdle, SURPLUS_IDLE_NANOS));
        }
    }

    private void scheduleTrim(EventLoop loop, LoopIdle parked, long delayNanos) {
        if (parked.trimScheduled.compareAndSet(false, true)) {
            loop.schedule(() -> trim(parked), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * While more than {@code maxIdle} connections are idle, closes those of one loop idle for
     * {@link #SURPLUS_IDLE}, least recently used first, and comes back when the next could be.
     */
    private void trim(LoopIdle parked) {
        parked.trimScheduled.set(false);
        long now = System.nanoTime();
        UnaryConnection oldest;
        while (idle.get() > maxIdle && (oldest = parked.connections.peekFirst()) != null) {
            long idleFor = now - oldest.parkedNanos;
            if (idleFor < SURPLUS_IDLE_NANOS) {
                scheduleTrim(oldest.eventLoop(), parked, SURPLUS_IDLE_NANOS - idleFor);
                return;
            }
            if (!countOutSurplus()) {
                return;
            }
            parked.connections.pollFirst();
            oldest.parked = false;
            oldest.close();
        }
    }

    /**
     * Counts one idle connection out if more than {@code maxIdle} are idle. Loops trim at the same
     * time, so the check and the count are one step: two loops that both saw one surplus connection
     * must not both close one.
     */
    private boolean countOutSurplus() {
        int idleNow;
        do {
            idleNow = idle.get();
            if (idleNow <= maxIdle) {
                return false;
            }
        } while (!idle.compareAndSet(idleNow, idleNow - 1));
        return true;
    }

    /** Closes the connections of {@code loop} whose time is up, and comes back for the next one due. */
    private void sweep(EventLoop loop, LoopIdle parked) {
        long now = System.nanoTime();
        List<UnaryConnection> expired = new ArrayList<>();
        long next = Long.MAX_VALUE;
        for (UnaryConnection connection : parked.connections) {
            if (expired(connection, now)) {
                expired.add(connection);
            } else {
                next = Math.min(next, remaining(connection, now));
            }
        }
        for (UnaryConnection connection : expired) {
            parked.connections.remove(connection);
            unpark(connection);
            connection.close();
        }
        parked.sweepScheduled = next != Long.MAX_VALUE;
        if (parked.sweepScheduled) {
            loop.schedule(() -> sweep(loop, parked), next, TimeUnit.NANOSECONDS);
        }
    }

    private void unpark(UnaryConnection connection) {
        connection.parked = false;
        idle.decrementAndGet();
    }

    private boolean expired(UnaryConnection connection, long now) {
        return now - connection.createdNanos() >= ttlNanos;
    }

    private long remaining(UnaryConnection connection, long now) {
        return Math.max(0, ttlNanos - (now - connection.createdNanos()));
    }

    /** The idle connections served by one event loop, most recently parked last. */
    private static final class LoopIdle {

        final ArrayDeque<UnaryConnection> connections = new ArrayDeque<>();
        boolean sweepScheduled;
        /** Set from any loop: a connection parked on another loop may make this loop's connections surplus. */
        final AtomicBoolean trimScheduled = new AtomicBoolean();
    }
}
