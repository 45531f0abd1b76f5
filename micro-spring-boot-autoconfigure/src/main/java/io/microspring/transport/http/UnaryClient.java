package io.microspring.transport.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.microspring.transport.TransportMessage;
import io.netty.channel.EventLoopGroup;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpResources;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.SslProvider;

/**
 * The transport's unary calls on Netty directly: one {@link NodePool} of kept-alive connections
 * per node address, on Reactor Netty's shared event loops. A call made on one of those loops (a
 * gateway serving a request, a handler calling on) stays on it: it takes a connection that loop
 * serves, or opens one there. Per call there is the request, the call and its answer; nothing of
 * the configuration is copied or parsed.
 */
final class UnaryClient {

    /** Past this many nodes, the pools of nodes with no connection open are dropped. */
    static final int MAX_POOLS = 4096;

    private final EventLoopGroup loops;
    private final UnaryConnector connector;
    private final int maxIdle;
    private final long ttlNanos;
    private final PoolListener listener;
    private final Map<String, NodePool> pools = new ConcurrentHashMap<>();

    /**
     * With {@code tls} the client side of the transport's TLS, {@code null} for plain text;
     * {@code listener} sees each node's pool made and dropped (to report it).
     */
    UnaryClient(HttpTransportSettings settings, SslProvider tls, PoolListener listener) {
        LoopResources resources = HttpResources.get();
        // colocated: next() is the current thread's loop when called on one of them
        this.loops = resources.onClient(LoopResources.DEFAULT_NATIVE);
        this.connector = new UnaryConnector(resources, loops, tls, settings.maxHeaderSize());
        this.maxIdle = settings.poolSize();
        this.ttlNanos = settings.poolIdleTtl().toNanos();
        this.listener = listener;
    }

    /**
     * Sends {@code request} to the node at {@code address} and completes with its answer.
     *
     * @throws IllegalArgumentException when {@code address} is not {@code host:port}
     */
    Mono<TransportMessage> send(String address, TransportMessage request, Duration connectTimeout) {
        NodePool pool = pool(address);
        int connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        return Mono.create(sink -> new UnaryCall(connector, pool, request, connectTimeoutMillis, sink)
                .start(loops.next()));
    }

    /** Closes every connection. */
    void close() {
        connector.close();
    }

    private NodePool pool(String address) {
        NodePool pool = pools.get(address);
        if (pool != null) {
            return pool;
        }
        if (pools.size() >= MAX_POOLS) {
            dropUnused();
        }
        return pools.computeIfAbsent(address, key -> {
            NodePool made = new NodePool(key, maxIdle, ttlNanos);
            listener.made(made);
            return made;
        });
    }

    /**
     * Drops the pools of nodes with no connection open (nodes long gone, mostly). A call already
     * under way on one of them finishes on it; its connection is closed when its time is up.
     */
    private void dropUnused() {
        pools.values().removeIf(pool -> {
            boolean unused = pool.openConnections() == 0;
            if (unused) {
                listener.dropped(pool);
            }
            return unused;
        });
    }

    /** Sees the pools of nodes made and dropped. */
    interface PoolListener {

        /** Reports nothing. */
        PoolListener NONE = new PoolListener() {
            @Override
            public void made(NodePool pool) {
            }

            @Override
            public void dropped(NodePool pool) {
            }
        };

        void made(NodePool pool);

        void dropped(NodePool pool);
    }
}
