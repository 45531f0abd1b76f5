package io.microspring.transport.http;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;

/**
 * Reports the client's pools to Micrometer's global registry, per node: {@value #OPEN}
 * (connections open to the node, busy or idle) and {@value #IDLE} (those idle in the pool), tagged
 * {@code remote.address} ({@code host:port}); removed again when the transport closes. Loaded only
 * when Micrometer is present.
 */
final class PoolGauges {

    static final String OPEN = "micro.client.connections";
    static final String IDLE = "micro.client.connections.idle";

    private final Queue<Meter> registered = new ConcurrentLinkedQueue<>();

    void register(NodePool pool) {
        registered.add(Gauge.builder(OPEN, pool, NodePool::openConnections)
                .description("Connections of the HTTP transport's client open to a node, busy or idle")
                .tag("remote.address", pool.address())
                .register(Metrics.globalRegistry));
        registered.add(Gauge.builder(IDLE, pool, NodePool::idleConnections)
                .description("Connections of the HTTP transport's client idle in its pool, per node")
                .tag("remote.address", pool.address())
                .register(Metrics.globalRegistry));
    }

    void close() {
        Meter meter;
        while ((meter = registered.poll()) != null) {
            Metrics.globalRegistry.remove(meter);
        }
    }
}
