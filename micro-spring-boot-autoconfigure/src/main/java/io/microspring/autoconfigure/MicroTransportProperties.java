package io.microspring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.microspring.transport.http.HttpTransportSettings;

/**
 * The transport and its connection pool: {@code micro.transport} is go-micro's {@code --transport};
 * {@code micro.client-pool-size} is {@code MICRO_CLIENT_POOL_SIZE}.
 */
@ConfigurationProperties("micro")
public class MicroTransportProperties {

    /** Transport implementation. */
    private TransportType transport = TransportType.HTTP;

    /**
     * Idle keep-alive connections kept per node; busy ones are not limited, as in go-micro. Unlike
     * go-micro, connections beyond this many are not closed as soon as they come back, but once idle
     * for 5 seconds, so that more calls at once than this reuse their connections.
     */
    private int clientPoolSize = HttpTransportSettings.DEFAULT_POOL_SIZE;

    /** How long a pooled connection is used, from when it was opened (go-micro's pool TTL). */
    private Duration clientPoolTtl = HttpTransportSettings.DEFAULT_POOL_IDLE_TTL;

    /** Largest request body the server accepts; larger ones are answered with a 413 error. */
    private DataSize serverMaxBodySize = DataSize.ofBytes(HttpTransportSettings.DEFAULT_MAX_BODY_SIZE);

    /** Largest request header block the server accepts. */
    private DataSize serverMaxHeaderSize = DataSize.ofBytes(HttpTransportSettings.DEFAULT_MAX_HEADER_SIZE);

    public TransportType getTransport() {
        return transport;
    }

    public void setTransport(TransportType transport) {
        this.transport = transport;
    }

    public int getClientPoolSize() {
        return clientPoolSize;
    }

    public void setClientPoolSize(int clientPoolSize) {
        this.clientPoolSize = clientPoolSize;
    }

    public Duration getClientPoolTtl() {
        return clientPoolTtl;
    }

    public void setClientPoolTtl(Duration clientPoolTtl) {
        this.clientPoolTtl = clientPoolTtl;
    }

    public DataSize getServerMaxBodySize() {
        return serverMaxBodySize;
    }

    public void setServerMaxBodySize(DataSize serverMaxBodySize) {
        this.serverMaxBodySize = serverMaxBodySize;
    }

    public DataSize getServerMaxHeaderSize() {
        return serverMaxHeaderSize;
    }

    public void setServerMaxHeaderSize(DataSize serverMaxHeaderSize) {
        this.serverMaxHeaderSize = serverMaxHeaderSize;
    }

    /** The transport implementations. */
    public enum TransportType {
        /** go-micro's HTTP transport on Reactor Netty. */
        HTTP
    }
}
