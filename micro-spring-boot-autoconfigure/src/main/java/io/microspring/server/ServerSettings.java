package io.microspring.server;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.microspring.internal.Durations;

/**
 * How a server runs and registers.
 *
 * @param name the service name, for example {@code go.micro.srv.greeter}
 * @param version the service version
 * @param address where to listen, {@code host:port}; port 0 takes a free port
 * @param advertise the {@code host:port} to register instead of the bound address, or empty
 * @param metadata node metadata added to the standard keys
 * @param registerTtl how long the registry keeps the node without a new registration
 * @param registerInterval how often the node registers again
 * @param drainTimeout how long a stop waits for calls in flight
 * @param registerFailFast whether a failed first registration stops startup (otherwise it is retried every interval)
 * @param handlerThreads most threads running blocking handlers at once
 */
public record ServerSettings(String name, String version, String address, String advertise,
        Map<String, String> metadata, Duration registerTtl, Duration registerInterval, Duration drainTimeout,
        boolean registerFailFast, int handlerThreads) {

    /** go-micro's default version. */
    public static final String DEFAULT_VERSION = "latest";
    /** Any interface, a free port: go-micro's default. */
    public static final String DEFAULT_ADDRESS = ":0";
    /** go-micro's register TTL: a crashed node disappears from the registry within 90 seconds. */
    public static final Duration DEFAULT_REGISTER_TTL = Duration.ofSeconds(90);
    /** go-micro's register interval: a third of the TTL, so two heartbeats may be missed. */
    public static final Duration DEFAULT_REGISTER_INTERVAL = Duration.ofSeconds(30);
    /** How long a graceful stop waits for calls in flight. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** Threads for blocking handlers: Reactor's bounded elastic default. */
    public static final int DEFAULT_HANDLER_THREADS = 10 * Runtime.getRuntime().availableProcessors();

    public ServerSettings {
        requireText(name, "name");
        version = version == null || version.isBlank() ? DEFAULT_VERSION : version;
        address = address == null || address.isBlank() ? DEFAULT_ADDRESS : address;
        advertise = advertise == null ? "" : advertise;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        Durations.requirePositive(registerTtl, "registerTtl");
        Durations.requirePositive(registerInterval, "registerInterval");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (registerInterval.compareTo(registerTtl) >= 0) {
            throw new IllegalArgumentException("registerInterval (" + registerInterval + ") must be shorter than "
                    + "registerTtl (" + registerTtl + "), or nodes expire between heartbeats");
        }
        if (handlerThreads < 1) {
            throw new IllegalArgumentException("handlerThreads must be at least 1, got " + handlerThreads);
        }
    }

    /** Settings for {@code name} with every other value at its default. */
    public static ServerSettings defaults(String name) {
        return new ServerSettings(name, DEFAULT_VERSION, DEFAULT_ADDRESS, "", Map.of(), DEFAULT_REGISTER_TTL,
                DEFAULT_REGISTER_INTERVAL, DEFAULT_DRAIN_TIMEOUT, true, DEFAULT_HANDLER_THREADS);
    }

    /** A copy listening on {@code address}. */
    public ServerSettings withAddress(String address) {
        return new ServerSettings(name, version, address, advertise, metadata, registerTtl, registerInterval,
                drainTimeout, registerFailFast, handlerThreads);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
