package io.microspring.autoconfigure.actuate;

import java.util.List;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.Service;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.server.Server;

/**
 * Up when the server listens and the registry (past its cache) lists this node under the service;
 * down, saying which, otherwise.
 */
public class ServerHealthIndicator extends AbstractHealthIndicator {

    private final Server server;
    private final Registry registry;

    /** The health of {@code server}, its registration read from {@code registry}. */
    public ServerHealthIndicator(Server server, Registry registry) {
        super("Server health check failed");
        this.server = server;
        this.registry = registry instanceof CachingRegistry cache ? cache.delegate() : registry;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Service service = server.service();
        List<Node> nodes = service.nodes();
        boolean listening = server.isRunning() && !nodes.isEmpty();
        builder.withDetail("service", service.name()).withDetail("listening", listening);
        if (!listening) {
            builder.down();
            return;
        }
        Node node = nodes.get(0);
        boolean registered = registry.getService(service.name()).stream()
                .flatMap(registeredService -> registeredService.nodes().stream())
                .anyMatch(registeredNode -> registeredNode.id().equals(node.id()));
        builder.withDetail("node", node.id()).withDetail("address", node.address())
                .withDetail("registered", registered);
        if (registered) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
