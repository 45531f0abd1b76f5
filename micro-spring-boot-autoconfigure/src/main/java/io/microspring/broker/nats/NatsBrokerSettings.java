package io.microspring.broker.nats;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * Settings of the {@link NatsBroker}: the servers ({@code nats://host:port}; {@code tls://} for
 * TLS, a bare {@code host:port} gets {@code nats://} as in go-micro), credentials (user and
 * password, a token or a {@code .creds} file; {@code null} when unused), an {@link SSLContext} for
 * TLS ({@code null} for the JVM's default), and how reconnection works. The client reconnects
 * forever by default and keeps no reconnect buffer, so a publish during an outage fails at once
 * instead of vanishing into a buffer.
 */
public record NatsBrokerSettings(List<String> servers, String username, String password, String token,
        String credentialsFile, SSLContext sslContext, Duration connectionTimeout, Duration reconnectWait,
        int maxReconnects) {

    /** go-micro's default server. */
    public static final String DEFAULT_SERVER = "nats://127.0.0.1:4222";

    /** How long connecting to a server may take (jnats' default). */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    /** The pause between reconnection attempts (jnats' default). */
    public static final Duration DEFAULT_RECONNECT_WAIT = Duration.ofSeconds(2);

    /** Reconnection attempts before giving up: never. */
    public static final int UNLIMITED_RECONNECTS = -1;

    public NatsBrokerSettings {
        servers = servers == null || servers.isEmpty() ? List.of(DEFAULT_SERVER)
                : servers.stream().map(String::trim).filter(server -> !server.isEmpty())
                        .map(server -> server.contains("://") ? server : "nats://" + server).toList();
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("NATS servers must hold at least one nats://host:port");
        }
        if (username != null && password == null) {
            throw new IllegalArgumentException("NATS user " + username + " needs a password");
        }
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(reconnectWait, "reconnectWait");
        if (maxReconnects < UNLIMITED_RECONNECTS) {
            throw new IllegalArgumentException("maxReconnects must be -1 (unlimited) or more, got " + maxReconnects);
        }
    }

    /** The default server, no credentials, jnats' timeouts, unlimited reconnects. */
    public static NatsBrokerSettings defaults() {
        return new NatsBrokerSettings(List.of(DEFAULT_SERVER), null, null, null, null, null, DEFAULT_CONNECTION_TIMEOUT,
                DEFAULT_RECONNECT_WAIT, UNLIMITED_RECONNECTS);
    }

    /** These settings connecting to {@code servers}. */
    public NatsBrokerSettings withServers(List<String> servers) {
        return new NatsBrokerSettings(servers, username, password, token, credentialsFile, sslContext, connectionTimeout,
                reconnectWait, maxReconnects);
    }

    /** These settings pausing {@code reconnectWait} between reconnection attempts. */
    public NatsBrokerSettings withReconnectWait(Duration reconnectWait) {
        return new NatsBrokerSettings(servers, username, password, token, credentialsFile, sslContext, connectionTimeout,
                reconnectWait, maxReconnects);
    }

    /** These settings logging in as {@code username}. */
    public NatsBrokerSettings withUser(String username, String password) {
        return new NatsBrokerSettings(servers, username, password, token, credentialsFile, sslContext, connectionTimeout,
                reconnectWait, maxReconnects);
    }

    @Override
    public String toString() {
        return "NatsBrokerSettings[servers=" + servers + ", username=" + username + ", credentialsFile=" + credentialsFile
                + ", tls=" + (sslContext != null) + ", connectionTimeout=" + connectionTimeout + ", reconnectWait="
                + reconnectWait + ", maxReconnects=" + maxReconnects + "]";
    }
}
