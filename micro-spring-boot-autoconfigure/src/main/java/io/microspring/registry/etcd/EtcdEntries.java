package io.microspring.registry.etcd;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.internal.RegistryJson;

/**
 * go-micro's etcd layout: one key per node, {@code /micro/registry/<service>/<nodeId>} ({@code /}
 * inside a name becomes {@code -}), whose value is the JSON of a {@link Service} holding only that
 * node. The JSON has Go's field order and lower-case names, so go-micro reads it unchanged.
 */
final class EtcdEntries {

    /** Every go-micro registration lives under this prefix. */
    static final String PREFIX = "/micro/registry/";

    private EtcdEntries() {
    }

    /** {@code /micro/registry/<service>/}: the prefix of every node of {@code service}. */
    static String servicePrefix(String service) {
        return PREFIX + escape(service) + "/";
    }

    /** {@code /micro/registry/<service>/<nodeId>}. */
    static String nodeKey(String service, String nodeId) {
        return servicePrefix(service) + escape(nodeId);
    }

    /** The value stored for {@code node}: {@code service} holding only that node. */
    static byte[] encode(Service service, Node node) {
        return RegistryJson.mapper().writeValueAsBytes(service.withNodes(List.of(node)));
    }

    /**
     * Reads a value written by {@link #encode} or by go-micro.
     *
     * @throws IllegalArgumentException when it is not a go-micro service holding a node with an id and an address
     */
    static Service decode(byte[] value) {
        Service service;
        try {
            service = RegistryJson.mapper().readValue(value, Service.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not the JSON of a go-micro service: " + e.getMessage(), e);
        }
        if (service == null || service.name() == null || service.name().isEmpty()) {
            throw new IllegalArgumentException("not a go-micro service (no name): " + preview(value));
        }
        if (service.nodes().isEmpty() || service.nodes().stream().anyMatch(EtcdEntries::incomplete)) {
            throw new IllegalArgumentException("service " + service.name() + " has no node with an id and an address");
        }
        return service;
    }

    private static boolean incomplete(Node node) {
        return node.id() == null || node.id().isEmpty() || node.address() == null;
    }

    private static String escape(String name) {
        return name.replace('/', '-');
    }

    private static String preview(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
