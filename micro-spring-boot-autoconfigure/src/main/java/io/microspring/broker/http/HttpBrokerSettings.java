package io.microspring.broker.http;

import java.time.Duration;
import java.util.Objects;

import io.microspring.internal.Durations;
import io.microspring.net.HostPort;
import io.microspring.net.TlsSettings;

/**
 * Settings of the {@link HttpBroker}: where its subscriber endpoint listens, how long a delivery
 * may take, how its subscriber nodes are kept registered (go-micro's TTL and interval), and its
 * TLS ({@code null} for plain text), go-micro's {@code broker.Secure(true)} with a {@code TLSConfig}.
 */
public record HttpBrokerSettings(String address, Duration connectTimeout, Duration deliveryTimeout,
        Duration registerTtl, Duration registerInterval, TlsSettings tls) {

    /** go-micro's default: loopback, a free port. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1:0";

    /** How long connecting to a subscriber node may take. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** How long a subscriber node may take to handle a message it was sent. */
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    /** go-micro's registration TTL of subscriber nodes. */
    public static final Duration DEFAULT_REGISTER_TTL = Duration.ofMinutes(1);

    /** go-micro's re-registration interval of subscriber nodes. */
    public static final Duration DEFAULT_REGISTER_INTERVAL = Duration.ofSeconds(30);

    public HttpBrokerSettings {
        try {
            HostPort.parse(Objects.requireNonNull(address, "address"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("http broker address " + e.getMessage() + "; check micro.broker-address",
                    e);
        }
        Durations.requirePositive(connectTimeout, "connectTimeout");
        Durations.requirePositive(deliveryTimeout, "deliveryTimeout");
        Durations.requirePositive(registerTtl, "registerTtl");
        Durations.requirePositive(registerInterval, "registerInterval");
        if (registerInterval.compareTo(registerTtl) >= 0) {
            throw new IllegalArgumentException("registerInterval (" + registerInterval + ") must be shorter than registerTtl ("
                    + registerTtl + "), or subscriber nodes expire between heartbeats");
        }
    }

    /** go-micro's defaults. */
    public static HttpBrokerSettings defaults() {
        return new HttpBrokerSettings(DEFAULT_ADDRESS, DEFAULT_CONNECT_TIMEOUT, DEFAULT_DELIVERY_TIMEOUT,
                DEFAULT_REGISTER_TTL, DEFAULT_REGISTER_INTERVAL, null);
    }

    /** These settings listening on {@code address} ({@code host:port}). */
    public HttpBrokerSettings withAddress(String address) {
        return new HttpBrokerSettings(address, connectTimeout, deliveryTimeout, registerTtl, registerInterval, tls);
    }

    /** These settings with subscriber nodes registered for {@code ttl}, again every {@code interval}. */
    public HttpBrokerSettings withRegistration(Duration ttl, Duration interval) {
        return new HttpBrokerSettings(address, connectTimeout, deliveryTimeout, ttl, interval, tls);
    }

    /** These settings with TLS: subscribers served over it (nodes marked {@code secure}), publishing trusting it. */
    public HttpBrokerSettings withTls(TlsSettings tls) {
        return new HttpBrokerSettings(address, connectTimeout, deliveryTimeout, registerTtl, registerInterval, tls);
    }
}
