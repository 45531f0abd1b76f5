package io.microspring.autoconfigure.actuate;

import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import io.microspring.broker.Broker;
import io.microspring.registry.Registry;
import io.microspring.registry.Service;
import io.microspring.registry.Value;
import io.microspring.server.Server;

/**
 * The {@code micro} Actuator endpoint ({@code /actuator/micro}): the service's name, version and
 * node, its endpoints with their request and response descriptions, its subscriptions, and the
 * registry and broker in use. Without a server (a client-only application) it shows the registry
 * and broker alone.
 */
@Endpoint(id = "micro")
public class MicroEndpoint {

    private final Server server;
    private final Registry registry;
    private final Broker broker;

    /** A view of {@code server} (may be {@code null}), {@code registry} and {@code broker} (may be {@code null}). */
    public MicroEndpoint(Server server, Registry registry, Broker broker) {
        this.server = server;
        this.registry = registry;
        this.broker = broker;
    }

    /** What the service is and what it uses. */
    @ReadOperation
    public MicroDescriptor micro() {
        Plugin registryPlugin = new Plugin(registry.name(), null);
        Plugin brokerPlugin = broker == null ? null : new Plugin(broker.name(), broker.address());
        if (server == null) {
            return new MicroDescriptor(null, null, List.of(), List.of(), List.of(), registryPlugin, brokerPlugin);
        }
        Service service = server.service();
        List<EndpointDescriptor> endpoints = service.endpoints().stream()
                .filter(endpoint -> !isSubscriber(endpoint.metadata()))
                .map(endpoint -> new EndpointDescriptor(endpoint.name(), endpoint.request(), endpoint.response(),
                        endpoint.metadata()))
                .toList();
        List<SubscriptionDescriptor> subscriptions = service.endpoints().stream()
                .filter(endpoint -> isSubscriber(endpoint.metadata()))
                .map(endpoint -> new SubscriptionDescriptor(endpoint.metadata().get("topic"), endpoint.name(),
                        endpoint.request()))
                .toList();
        List<NodeDescriptor> nodes = service.nodes().stream()
                .map(node -> new NodeDescriptor(node.id(), node.address(), node.metadata()))
                .toList();
        return new MicroDescriptor(service.name(), service.version(), nodes, endpoints, subscriptions,
                registryPlugin, brokerPlugin);
    }

    private static boolean isSubscriber(Map<String, String> metadata) {
        return metadata != null && "true".equals(metadata.get("subscriber"));
    }

    /** The service as the endpoint shows it; {@code nodes} holds this process's node once it listens. */
    public record MicroDescriptor(String name, String version, List<NodeDescriptor> nodes,
            List<EndpointDescriptor> endpoints, List<SubscriptionDescriptor> subscriptions, Plugin registry,
            Plugin broker) {
    }

    /** A node: its id, address and metadata. */
    public record NodeDescriptor(String id, String address, Map<String, String> metadata) {
    }

    /** An endpoint with the descriptions of its request and response, as registered. */
    public record EndpointDescriptor(String name, Value request, Value response, Map<String, String> metadata) {
    }

    /** A subscriber: its topic, endpoint name and message description. */
    public record SubscriptionDescriptor(String topic, String endpoint, Value message) {
    }

    /** A plugin in use: its name and, for a broker, its address. */
    public record Plugin(String name, String address) {
    }
}
