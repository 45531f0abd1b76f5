package io.microspring.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.net.HostPort;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;
import io.microspring.server.ServerSettings;

/**
 * Registers a plain HTTP server (any web app) as a go-micro web service does, so that the API
 * gateway's proxy handler finds it: service {@code name}, one node whose address is the server's
 * {@code host:port}, registered again every 30 seconds with a 90 second TTL, deregistered on
 * {@link #close()}.
 *
 * <p>Each of {@code paths} (templates such as {@code /web/**}) is registered as an endpoint with
 * go-micro's API metadata {@code handler=http}, so the gateway's default (meta) handler proxies
 * those paths to this service; with {@code micro.api.handler=http} no path is needed.
 */
public final class WebServiceRegistration implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServiceRegistration.class);

    private final Registry registry;
    private final Service service;
    private final ScheduledExecutorService heartbeat;

    private WebServiceRegistration(Registry registry, Service service) {
        this.registry = registry;
        this.service = service;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "micro-web-register-" + service.name());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers {@code name} at {@code address} ({@code host:port}, as clients reach it) now, and
     * keeps it registered until closed; fails with the registry's error when the first registration
     * does.
     */
    public static WebServiceRegistration register(Registry registry, String name, String address, List<String> paths) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be the service name, for example go.micro.api.web");
        }
        try {
            HostPort.parse(address).requireHost();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("address must be the host:port clients reach: " + e.getMessage(), e);
        }
        List<Endpoint> endpoints = paths.stream().map(WebServiceRegistration::proxied).toList();
        Node node = new Node(name + "-" + UUID.randomUUID(), address, Map.of());
        Service service = new Service(name, ServerSettings.DEFAULT_VERSION, Map.of(), endpoints, List.of(node));
        WebServiceRegistration registration = new WebServiceRegistration(registry, service);
        registration.start();
        return registration;
    }

    /** The registered service with its one node. */
    public Service service() {
        return service;
    }

    /** Stops the heartbeat and deregisters the node. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            registry.deregister(service);
        } catch (RegistryException e) {
            log.warn("Registry [{}] could not deregister {}: {}; it expires after {}", registry.name(), service.name(),
                    e.getMessage(), ServerSettings.DEFAULT_REGISTER_TTL);
        }
    }

    private void start() {
        Duration ttl = ServerSettings.DEFAULT_REGISTER_TTL;
        registry.register(service, ttl);
        log.info("Registry [{}] Registered web service {} at {}", registry.name(), service.name(),
                service.nodes().get(0).address());
        long interval = ServerSettings.DEFAULT_REGISTER_INTERVAL.toMillis();
        heartbeat.scheduleWithFixedDelay(() -> {
            try {
                registry.register(service, ttl);
            } catch (RuntimeException e) {
                log.warn("Registry [{}] could not register {} again: {}", registry.name(), service.name(),
                        e.getMessage());
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    private static Endpoint proxied(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("paths must start with /, got '" + path + "'");
        }
        return new Endpoint(path, null, null, Map.of("endpoint", path, "handler", "http", "path", path));
    }
}
