package io.microspring.registry.consul;

import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.microspring.internal.Durations;
import io.microspring.net.HostPort;

/**
 * Where the Consul agent is and how to talk to it.
 *
 * @param address the agent's HTTP address, {@code host:port} or {@code host} (port {@value #DEFAULT_PORT}),
 *        from {@code micro.registry-address}
 * @param token the ACL token sent with every request ({@code micro.consul.token}), or empty for none
 * @param datacenter the datacenter whose services are looked up ({@code micro.consul.datacenter}),
 *        or empty for the agent's own
 * @param timeout how long to wait for a connection and for each request that is not a watch
 *        ({@code micro.consul.timeout})
 * @param watchWait how long one blocking query of a watch waits for a change ({@code micro.consul.watch-wait});
 *        Consul caps it at 10 minutes
 * @param restartGrace how long a watch keeps reporting nodes that vanished because the agent restarted
 *        with empty state, so that they can register again first ({@code micro.consul.restart-grace})
 * @param tls the TLS context for {@code https}, or {@code null} for plain {@code http}
 */
public record ConsulSettings(String address, String token, String datacenter, Duration timeout, Duration watchWait,
        Duration restartGrace, SSLContext tls) {

    /** Consul's HTTP port, as go-micro assumes when an address has none. */
    public static final int DEFAULT_PORT = 8500;
    /** go-micro's Consul address. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1:" + DEFAULT_PORT;
    /** How long a request may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Consul's own default wait of a blocking query. */
    public static final Duration DEFAULT_WATCH_WAIT = Duration.ofMinutes(5);
    /** go-micro's register interval: by then every running node has registered again. */
    public static final Duration DEFAULT_RESTART_GRACE = Duration.ofSeconds(30);

    private static final Duration MAX_WATCH_WAIT = Duration.ofMinutes(10);

    public ConsulSettings {
        address = normalize(address == null || address.isBlank() ? DEFAULT_ADDRESS : address);
        token = token == null ? "" : token;
        datacenter = datacenter == null ? "" : datacenter;
        Durations.requirePositive(timeout, "micro.consul.timeout");
        Durations.requirePositive(watchWait, "micro.consul.watch-wait");
        Durations.requirePositive(restartGrace, "micro.consul.restart-grace");
        if (watchWait.compareTo(MAX_WATCH_WAIT) > 0 || watchWait.toSeconds() < 1) {
            throw new IllegalArgumentException("micro.consul.watch-wait must be between 1s and 10m (Consul's limits), got "
                    + watchWait);
        }
    }

    /** Plain {@code http} to {@code address} without a token, every other value at its default. */
    public static ConsulSettings of(String address) {
        return new ConsulSettings(address, "", "", DEFAULT_TIMEOUT, DEFAULT_WATCH_WAIT, DEFAULT_RESTART_GRACE, null);
    }

    /** The agent's host and port. */
    HostPort agent() {
        return HostPort.parse(address);
    }

    /** {@code http://host:port} or {@code https://host:port}: the agent in messages. */
    String url() {
        return (tls == null ? "http://" : "https://") + address;
    }

    private static String normalize(String address) {
        try {
            return HostPort.parse(address, DEFAULT_PORT).requireHost().toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("micro.registry-address is not a Consul agent address (" + e.getMessage()
                    + "): use one host:port (or host for port " + DEFAULT_PORT + "), for example " + DEFAULT_ADDRESS);
        }
    }
}
