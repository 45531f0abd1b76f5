package io.microspring.registry.mdns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.microspring.registry.Endpoint;
import io.microspring.registry.internal.HexZlib;
import io.microspring.registry.internal.RegistryJson;

/**
 * What go-micro puts in an instance's TXT record: the node's metadata, the service name and
 * version and the service's endpoints, as {@code hex(zlib(json))} cut into strings of 255
 * characters. The JSON keys are capitalised ({@code Metadata, Service, Version, Endpoints}: Go
 * field names without tags); the endpoints inside are go-micro's registry JSON ({@link RegistryJson}),
 * read with the streaming parser ({@link MdnsTxtJson}).
 *
 * @param metadata the node's metadata (go-micro sends no service metadata over mDNS)
 * @param service the service name
 * @param version the service version
 * @param endpoints the service's endpoints
 */
record MdnsTxt(@JsonProperty("Metadata") Map<String, String> metadata, @JsonProperty("Service") String service,
        @JsonProperty("Version") String version, @JsonProperty("Endpoints") List<Endpoint> endpoints) {

    /** Longest string of a TXT record. */
    static final int MAX_STRING_LENGTH = 255;

    /** Decompressed payloads larger than this are refused rather than inflated. */
    private static final int MAX_JSON_SIZE = 4 * 1024 * 1024;

    MdnsTxt {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        service = service == null ? "" : service;
        version = version == null ? "" : version;
        endpoints = endpoints == null ? List.of() : endpoints.stream().filter(Objects::nonNull).toList();
    }

    /** The TXT strings: {@code hex(zlib(json))} in pieces of at most 255 characters. */
    List<String> encode() {
        String hex = HexZlib.encode(RegistryJson.mapper().writeValueAsBytes(this));
        List<String> strings = new ArrayList<>(hex.length() / MAX_STRING_LENGTH + 1);
        for (int start = 0; start < hex.length(); start += MAX_STRING_LENGTH) {
            strings.add(hex.substring(start, Math.min(hex.length(), start + MAX_STRING_LENGTH)));
        }
        return strings;
    }

    /**
     * Reads the strings of a TXT record written by {@link #encode()} or by go-micro.
     *
     * @throws IllegalArgumentException when they are not hex, not zlib or not the expected JSON
     */
    static MdnsTxt decode(List<String> strings) {
        byte[] json = HexZlib.decode(String.join("", strings), MAX_JSON_SIZE);
        try {
            return MdnsTxtJson.read(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not the expected JSON: " + e.getMessage(), e);
        }
    }
}
