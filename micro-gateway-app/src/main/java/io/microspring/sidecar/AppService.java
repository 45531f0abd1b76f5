package io.microspring.sidecar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import io.microspring.net.HostPort;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.internal.RegistryJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * The registry entry of the app beside the sidecar: service {@code micro.sidecar.server-name} with
 * one node at {@code micro.sidecar.server-address} that speaks go-micro's HTTP transport (node
 * metadata {@code protocol=mucp}, as go-micro servers register, so go-micro clients call it with
 * {@code POST /} and the Micro headers), and the app's endpoints: names
 * ({@code --endpoints=Py.Hello,Py.Greet}) or {@code @file.json}, a JSON array of go-micro
 * endpoints ({@code name}, {@code request}, {@code response}, {@code metadata}).
 */
final class AppService {

    private AppService() {
    }

    /** The app's service as {@code properties} describe it, on a registry and broker of these names. */
    static Service of(SidecarProperties properties, String registry, String broker) {
        String address;
        try {
            address = HostPort.parse(properties.getServerAddress()).requireHost().toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("micro.sidecar.server-address",
                    properties.getServerAddress(), e.getMessage() + "; it is the app's host:port, where other "
                            + "services call it");
        }
        String name = properties.getServerName().strip();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("transport", "http");
        metadata.put("broker", broker);
        metadata.put("server", "mucp");
        metadata.put("registry", registry);
        metadata.put("protocol", "mucp");
        Node node = new Node(name + "-" + UUID.randomUUID(), address, metadata);
        return new Service(name, properties.getServerVersion(), Map.of(), endpoints(properties.getEndpoints()),
                List.of(node));
    }

    private static List<Endpoint> endpoints(List<String> given) {
        if (given.size() == 1 && given.get(0).strip().startsWith("@")) {
            return fromFile(Path.of(given.get(0).strip().substring(1)));
        }
        return given.stream()
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(name -> new Endpoint(name, null, null, Map.of()))
                .toList();
    }

    private static List<Endpoint> fromFile(Path file) {
        try {
            return RegistryJson.mapper().readValue(Files.readAllBytes(file), new TypeReference<List<Endpoint>>() {
            });
        } catch (IOException | JacksonException e) {
            throw new InvalidConfigurationPropertyValueException("micro.sidecar.endpoints", "@" + file,
                    "the file must hold a JSON array of go-micro endpoints ({\"name\":\"Say.Hello\",...}): "
                            + e.getMessage());
        }
    }
}
