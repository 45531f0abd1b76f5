package io.microspring.transport.http;

import java.time.Duration;
import java.util.Objects;

import io.microspring.net.TlsSettings;

/**
 * Settings of the HTTP transport.
 *
 * @param poolSize idle connections kept per node (more may be open while calls are busy, and stay
 *     while they are used again: those beyond {@code poolSize} are closed once idle for 5 seconds)
 * @param poolIdleTtl how long a pooled connection is used, from when it was opened, as go-micro's pool
 *     TTL: older ones are closed instead of being used again, idle ones as their time is up
 * @param maxBodySize largest request body the server accepts, in bytes; larger ones get a 413 error
 * @param maxHeaderSize largest request header block the server accepts, in bytes
 * @param poolMetrics whether the pool reports its connections per node to Micrometer's global registry
 *     (the gauges {@code micro.client.connections} and {@code micro.client.connections.idle}, tagged
 *     {@code remote.address}); needs {@code micrometer-core}
 * @param tls TLS on every connection, server and client side, or {@code null} for plain text
 */
public record HttpTransportSettings(int poolSize, Duration poolIdleTtl, int maxBodySize, int maxHeaderSize,
        boolean poolMetrics, TlsSettings tls) {

    /** go-micro's pool size. */
    public static final int DEFAULT_POOL_SIZE = 100;
    /** go-micro's pool TTL. */
    public static final Duration DEFAULT_POOL_IDLE_TTL = Duration.ofMinutes(1);
    /** 4 MiB, gRPC's and go-micro's usual message limit. */
    public static final int DEFAULT_MAX_BODY_SIZE = 4 * 1024 * 1024;
    /** 16 KiB, what most HTTP servers allow. */
    public static final int DEFAULT_MAX_HEADER_SIZE = 16 * 1024;

    public HttpTransportSettings {
        Objects.requireNonNull(poolIdleTtl, "poolIdleTtl");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
        }
        if (maxBodySize < 1) {
            throw new IllegalArgumentException("maxBodySize must be at least 1 byte, got " + maxBodySize);
        }
        if (maxHeaderSize < 1024) {
            throw new IllegalArgumentException("maxHeaderSize must be at least 1024 bytes, got " + maxHeaderSize);
        }
    }

    /** Plain-text settings whose pool reports no metrics. */
    public HttpTransportSettings(int poolSize, Duration poolIdleTtl, int maxBodySize, int maxHeaderSize) {
        this(poolSize, poolIdleTtl, maxBodySize, maxHeaderSize, false, null);
    }

    /** These settings with the pool's metrics on or off. */
    public HttpTransportSettings withPoolMetrics(boolean poolMetrics) {
        return new HttpTransportSettings(poolSize, poolIdleTtl, maxBodySize, maxHeaderSize, poolMetrics, tls);
    }

    /** These settings with TLS ({@code null} for plain text). */
    public HttpTransportSettings withTls(TlsSettings tls) {
        return new HttpTransportSettings(poolSize, poolIdleTtl, maxBodySize, maxHeaderSize, poolMetrics, tls);
    }

    /** The defaults above. */
    public static HttpTransportSettings defaults() {
        return new HttpTransportSettings(DEFAULT_POOL_SIZE, DEFAULT_POOL_IDLE_TTL, DEFAULT_MAX_BODY_SIZE,
                DEFAULT_MAX_HEADER_SIZE);
    }
}
