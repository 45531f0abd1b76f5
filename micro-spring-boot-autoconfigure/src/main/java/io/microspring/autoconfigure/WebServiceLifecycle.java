package io.microspring.autoconfigure;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

import io.microspring.net.AdvertiseAddress;
import io.microspring.net.HostPort;
import io.microspring.registry.Registration;
import io.microspring.registry.RegistrationException;
import io.microspring.registry.Registry;
import io.microspring.registry.Service;
import io.microspring.registry.WebService;

/**
 * Registers the web app once its web server listens (this lifecycle's phase comes after the web
 * server's) at {@code server.address} or {@code micro.web.advertise} with the bound port, and
 * deregisters it before the web server stops, so callers stop routing here before the app drains.
 * A first registration that fails stops startup, unless {@code micro.register-fail-fast=false}.
 */
class WebServiceLifecycle implements SmartLifecycle {

    private final Registry registry;
    private final MicroWebProperties properties;
    private final Duration ttl;
    private final Duration interval;
    private final boolean failFast;
    private final Environment environment;
    private volatile Registration registration;

    WebServiceLifecycle(Registry registry, MicroWebProperties properties, Duration ttl, Duration interval,
            boolean failFast, Environment environment) {
        this.registry = registry;
        this.properties = properties;
        this.ttl = ttl;
        this.interval = interval;
        this.failFast = failFast;
        this.environment = environment;
    }

    @Override
    public void start() {
        HostPort bound = new HostPort(environment.getProperty("server.address", ""),
                environment.getRequiredProperty("local.server.port", Integer.class));
        String address = AdvertiseAddress.resolve(properties.getAdvertise(), bound).toString();
        Service service = WebService.of(properties.getName(), properties.getVersion(), address,
                properties.getMetadata(), properties.getPaths());
        if (!failFast) {
            registration = Registration.registerEventually(registry, service, ttl, interval);
            return;
        }
        try {
            registration = Registration.register(registry, service, ttl, interval);
        } catch (RuntimeException e) {
            throw new RegistrationException(registry.name(), service.name(), e);
        }
    }

    @Override
    public void stop() {
        Registration current = registration;
        registration = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public boolean isRunning() {
        return registration != null;
    }
}
