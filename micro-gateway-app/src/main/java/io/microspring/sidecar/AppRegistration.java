package io.microspring.sidecar;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.microspring.registry.Registration;
import io.microspring.registry.Registry;
import io.microspring.registry.Service;

/**
 * Keeps the app beside the sidecar registered while it is healthy: without a health check it is
 * registered from the start; with one, the check runs every register interval, a failing check
 * deregisters the app and a passing one registers it again (micro v1 kept registering a dead app).
 * The registration itself, with its heartbeats, is the core's {@link Registration}. It starts once
 * the sidecar serves, and stops first: the app is deregistered before the sidecar finishes its
 * requests and closes.
 */
final class AppRegistration implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AppRegistration.class);

    private final Registry registry;
    private final Service service;
    private final Duration ttl;
    private final Duration interval;
    private final AppHealth health;
    private final ScheduledExecutorService checks;
    private Registration registration;
    private boolean running;

    AppRegistration(Registry registry, Service service, Duration ttl, Duration interval, AppHealth health) {
        this.registry = registry;
        this.service = service;
        this.ttl = ttl;
        this.interval = interval;
        this.health = health;
        this.checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "micro-sidecar-health");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Registers the app, or starts checking its health and registers it once a check passes. */
    @Override
    public synchronized void start() {
        running = true;
        if (!health.isConfigured()) {
            registration = Registration.registerEventually(registry, service, ttl, interval);
            return;
        }
        checks.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        boolean healthy = health.isHealthy(interval);
        synchronized (this) {
            if (checks.isShutdown()) {
                return;
            }
            if (healthy && registration == null) {
                log.info("App {} at {} is healthy: registering it", service.name(), address());
                registration = Registration.registerEventually(registry, service, ttl, interval);
            } else if (!healthy && registration != null) {
                log.warn("App {} at {} failed its health check: deregistering it until the check passes",
                        service.name(), address());
                registration.close();
                registration = null;
            }
        }
    }

    /** Deregisters the app. */
    @Override
    public void stop() {
        close();
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public synchronized void close() {
        running = false;
        checks.shutdownNow();
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }

    private String address() {
        return service.nodes().get(0).address();
    }
}
