package io.microspring.registry.consul;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.microspring.registry.Endpoint;
import io.microspring.registry.internal.HexZlib;
import io.microspring.registry.internal.RegistryJson;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * go-micro's Consul tags, which carry what Consul has no field for:
 * <ul>
 * <li>{@code t-<hex(zlib(json))>}: one node metadata entry, {@code {"key":"value"}};</li>
 * <li>{@code e-<hex(zlib(json))>}: one endpoint;</li>
 * <li>{@code v-<hex(zlib(version))>}: the service version.</li>
 * </ul>
 * The older plain forms {@code t=<json>}, {@code e=<json>} and {@code v=<version>} are read too.
 * Other tags are not go-micro's and are ignored.
 */
final class ConsulTags {

    private static final int MAX_INFLATED = 1024 * 1024;
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private static final JsonMapper JSON = RegistryJson.mapper();

    private ConsulTags() {
    }

    /** The tags of a node: its metadata entries (sorted by key), the endpoints, the version. */
    static List<String> encode(Map<String, String> metadata, List<Endpoint> endpoints, String version) {
        List<String> tags = new ArrayList<>();
        new TreeMap<>(metadata).forEach((key, value) -> tags.add("t-" + HexZlib.encode(JSON.writeValueAsBytes(Map.of(key, value)))));
        endpoints.forEach(endpoint -> tags.add("e-" + HexZlib.encode(JSON.writeValueAsBytes(endpoint))));
        tags.add("v-" + HexZlib.encode(version.getBytes(StandardCharsets.UTF_8)));
        return tags;
    }

    /**
     * Reads the go-micro tags among {@code tags}.
     *
     * @throws IllegalArgumentException naming the tag when a go-micro tag cannot be read
     */
    static Decoded decode(List<String> tags) {
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Endpoint> endpoints = new ArrayList<>();
        String version = null;
        boolean hasMetadata = false;
        for (String tag : tags) {
            if (tag.length() < 2 || (tag.charAt(1) != '-' && tag.charAt(1) != '=')) {
                continue;
            }
            try {
                switch (tag.charAt(0)) {
                    case 't' -> {
                        JSON.readValue(payload(tag), STRING_MAP)
                                .forEach((key, value) -> metadata.put(key, value == null ? "" : value));
                        hasMetadata = true;
                    }
                    case 'e' -> endpoints.add(requireNamed(JSON.readValue(payload(tag), Endpoint.class)));
                    case 'v' -> version = version == null ? new String(payload(tag), StandardCharsets.UTF_8) : version;
                    default -> {
                        // not a go-micro tag
                    }
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("tag " + preview(tag) + " is not go-micro's encoding: " + e.getMessage(),
                        e);
            }
        }
        return new Decoded(hasMetadata ? metadata : null, endpoints, version == null ? "" : version);
    }

    private static byte[] payload(String tag) {
        String body = tag.substring(2);
        return tag.charAt(1) == '=' ? body.getBytes(StandardCharsets.UTF_8) : HexZlib.decode(body, MAX_INFLATED);
    }

    private static Endpoint requireNamed(Endpoint endpoint) {
        if (endpoint == null || endpoint.name() == null) {
            throw new IllegalArgumentException("an endpoint without a name");
        }
        return endpoint;
    }

    private static String preview(String tag) {
        return tag.length() <= 40 ? tag : tag.substring(0, 40) + "...";
    }

    /**
     * What the go-micro tags of a node say.
     *
     * @param metadata the node metadata, or {@code null} when there is no metadata tag
     * @param endpoints the service's endpoints
     * @param version the service version, empty when there is no version tag
     */
    record Decoded(Map<String, String> metadata, List<Endpoint> endpoints, String version) {
    }
}
