package io.microspring.samples.greeterweb;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.microspring.api.WebServiceRegistration;
import io.microspring.registry.Registry;

/**
 * Registers this web app in the registry as a go-micro web service once its port is bound, and
 * deregisters it first on shutdown (before the web server drains), so the gateway stops routing
 * here before the app goes away. Copy it into any Spring web app to put it behind the gateway:
 * <ul>
 * <li>{@code micro.web.name}: the service name, in the gateway's namespace;</li>
 * <li>{@code micro.web.paths}: paths the gateway's default handler proxies here;</li>
 * <li>{@code server.address}: the host registered with the bound port.</li>
 * </ul>
 */
@Component
class GatewayRegistration implements SmartLifecycle {

    private final Registry registry;
    private final Environment environment;
    private final String name;
    private final List<String> paths;
    private volatile WebServiceRegistration registration;

    GatewayRegistration(Registry registry, Environment environment,
            @Value("${micro.web.name}") String name, @Value("${micro.web.paths}") List<String> paths) {
        this.registry = registry;
        this.environment = environment;
        this.name = name;
        this.paths = paths;
    }

    @Override
    public void start() {
        String host = environment.getProperty("server.address", "127.0.0.1");
        String port = environment.getRequiredProperty("local.server.port");
        registration = WebServiceRegistration.register(registry, name, host + ":" + port, paths);
    }

    @Override
    public void stop() {
        WebServiceRegistration current = registration;
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
