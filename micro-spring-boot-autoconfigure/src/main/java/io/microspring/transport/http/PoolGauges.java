package io.microspring.transport.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;

/**
 * Reports the client's pools to Micrometer's global registry, per node: {@value #OPEN}
 * (connections open to the node, busy or idle) and {@value #IDLE} (those idle in the pool), tagged
 * {@code remote.address} ({@code host:port}); removed again with the pool, or when the transport
 * closes. Loaded only
 * when Micrometer is present.
 */
final class PoolGauges implements UnaryClient.PoolListener {

    static final String OPEN = "micro.client.connections";
    static final String IDLE = "micro.client.connections.idle";

    private final Map<NodePool, List<Meter>> registered = new ConcurrentHashMap<>();

    @Override
    public void made(NodePool pool) {
        registered.put(pool, List.of(
                Gauge.builder(OPEN, pool, NodePool::openConnections)
                        .description("Connections of the HTTP transport's client open to a node, busy or idle")
                        .tag("remote.address", pool.address())
                        .register(Metrics.globalRegistry),
                Gauge.builder(IDLE, pool, NodePool::idleConnections)
                        .description("Connections of the HTTP transport's client idle in its pool, per node")
                        .tag("remote.address", pool.address())
                        .register(Metrics.globalRegistry)));
    }

    @Override
    public void dropped(NodePool pool) {
        List<Meter> meters = registered.remove(pool);
        if (meters != null) {
            meters.forEach(Metrics.globalRegistry::remove);
        }
    }

    void close() {
        registered.keySet().forEach(this::dropped);
    }
}
