package io.microspring.registry.etcd;

import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import io.microspring.internal.Durations;
import io.microspring.net.HostPort;

/**
 * Where the etcd cluster is and how to reach it.
 *
 * @param addresses the members' client addresses, {@code host:port} or {@code host} (port
 *        {@value #DEFAULT_PORT}), from {@code micro.registry-address}
 * @param username the user for etcd authentication ({@code micro.etcd.username}), or empty for none
 * @param password the user's password ({@code micro.etcd.password})
 * @param timeout how long to wait for a connection and for each request ({@code micro.etcd.dial-timeout})
 * @param tls how to secure the connection ({@code micro.etcd.tls.*}), or {@code null} for plain text
 */
public record EtcdSettings(List<String> addresses, String username, String password, Duration timeout, Tls tls) {

    /** etcd's client port, as go-micro assumes when an address has none. */
    public static final int DEFAULT_PORT = 2379;
    /** go-micro's etcd address. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1:" + DEFAULT_PORT;
    /** go-micro's etcd dial and request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public EtcdSettings {
        addresses = addresses == null || addresses.isEmpty() ? List.of(DEFAULT_ADDRESS)
                : addresses.stream().map(EtcdSettings::normalize).toList();
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        if (username.isEmpty() != password.isEmpty()) {
            throw new IllegalArgumentException("micro.etcd.username and micro.etcd.password must be set together "
                    + "(etcd authenticates a user with a password)");
        }
        Durations.requirePositive(timeout, "micro.etcd.dial-timeout");
    }

    /** Plain text to {@code addresses}, no authentication, the default timeout. */
    public static EtcdSettings of(List<String> addresses) {
        return new EtcdSettings(addresses, "", "", DEFAULT_TIMEOUT, null);
    }

    /** The gRPC endpoints: {@code http://host:port}, or {@code https://} with TLS. */
    List<String> endpoints() {
        String scheme = tls == null ? "http://" : "https://";
        return addresses.stream().map(address -> scheme + address).toList();
    }

    private static String normalize(String address) {
        try {
            return HostPort.parse(address, DEFAULT_PORT).requireHost().toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("micro.registry-address is not an etcd address (" + e.getMessage()
                    + "): use host:port (or host for port " + DEFAULT_PORT + "), for example " + DEFAULT_ADDRESS);
        }
    }

    /**
     * TLS to etcd.
     *
     * @param keyManagers the client certificate for mutual TLS, or {@code null} for none
     * @param trustManagers the certificates trusted for etcd, or {@code null} for the JVM's defaults
     */
    public record Tls(KeyManagerFactory keyManagers, TrustManagerFactory trustManagers) {
    }
}
