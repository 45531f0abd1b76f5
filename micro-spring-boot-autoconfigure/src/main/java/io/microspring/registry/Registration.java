package io.microspring.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service kept registered, as go-micro's server keeps its node: registered with a TTL, registered
 * again every interval (so it comes back by itself after the registry lost its state), and
 * deregistered on {@link #close()}. Every node that registers goes through this class: the RPC
 * server's, the HTTP broker's subscribers, web services.
 *
 * <p>A failed heartbeat is logged once per outage, with the error, and the recovery once; the
 * heartbeat runs on a daemon thread of its own that {@link #close()} stops. The TTL and interval
 * come validated from the caller's settings (the interval shorter than the TTL).
 */
public final class Registration implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Registration.class);

    private final Registry registry;
    private final Service service;
    private final Duration ttl;
    private final Duration interval;
    private final ScheduledExecutorService heartbeat;
    private boolean registered;
    private boolean failing;

    private Registration(Registry registry, Service service, Duration ttl, Duration interval) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.service = Objects.requireNonNull(service, "service");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "micro-register-" + service.name());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers {@code service} now and keeps it registered; fails with the registry's error, and
     * keeps nothing running, when this first registration fails.
     */
    public static Registration register(Registry registry, Service service, Duration ttl, Duration interval) {
        Registration registration = new Registration(registry, service, ttl, interval);
        try {
            registry.register(service, ttl);
        } catch (RuntimeException e) {
            registration.heartbeat.shutdownNow();
            throw e;
        }
        registration.registered();
        registration.startHeartbeat();
        return registration;
    }

    /**
     * Registers {@code service} now if the registry answers, else logs why and keeps trying every
     * interval; either way it stays registered until closed.
     */
    public static Registration registerEventually(Registry registry, Service service, Duration ttl,
            Duration interval) {
        Registration registration = new Registration(registry, service, ttl, interval);
        registration.beat();
        registration.startHeartbeat();
        return registration;
    }

    /** The service this keeps registered. */
    public Service service() {
        return service;
    }

    /** Stops the heartbeat and deregisters the service; a registry that cannot be reached lets it expire. */
    @Override
    public void close() {
        if (heartbeat.isShutdown()) {
            return;
        }
        heartbeat.shutdownNow();
        try {
            registry.deregister(service);
            log.info("Registry [{}] Deregistered {}", registry.name(), describe());
        } catch (RuntimeException e) {
            log.warn("Registry [{}] could not deregister {}: {}; it expires after {}", registry.name(), describe(),
                    e.getMessage(), ttl);
        }
    }

    private void startHeartbeat() {
        long millis = interval.toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One registration; logs the first success, the first failure of an outage and the recovery after it. */
    private synchronized void beat() {
        try {
            registry.register(service, ttl);
            registered();
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("Registry [{}] could not register {}: {}; retrying every {} until it answers", registry.name(),
                        describe(), e.getMessage(), interval);
            }
        }
    }

    private synchronized void registered() {
        if (!registered) {
            registered = true;
            failing = false;
            log.info("Registry [{}] Registered {}", registry.name(), describe());
        } else if (failing) {
            failing = false;
            log.info("Registry [{}] Registered {} again", registry.name(), describe());
        }
    }

    private String describe() {
        return service.nodes().size() == 1
                ? "node " + service.nodes().get(0).id() + " of " + service.name() + " at " + service.nodes().get(0).address()
                : service.name();
    }
}
