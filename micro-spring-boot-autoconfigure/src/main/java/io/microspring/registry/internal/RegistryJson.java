package io.microspring.registry.internal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.microspring.codec.json.GoJson;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Service;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * go-micro's JSON of registry entries: {@link Service}, {@link Node}, {@link Endpoint} and
 * {@code Value} written as Go writes them (the lower-case names and the
 * field order of go-micro's structs, map keys sorted) and read as Go reads them ({@link GoJson}).
 * The etcd values, the endpoints in Consul tags and the mDNS TXT records all hold it. Not API.
 */
public final class RegistryJson {

    private static final JsonMapper MAPPER = GoJson.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .addMixIn(Service.class, ServiceOrder.class)
            .addMixIn(Node.class, NodeOrder.class)
            .addMixIn(Endpoint.class, EndpointOrder.class)
            .build();

    private RegistryJson() {
    }

    /** The mapper; it is immutable, so it may be shared. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    @JsonPropertyOrder({"name", "version", "metadata", "endpoints", "nodes"})
    private interface ServiceOrder {
    }

    @JsonPropertyOrder({"metadata", "id", "address"})
    private interface NodeOrder {
    }

    @JsonPropertyOrder({"request", "response", "metadata", "name"})
    private interface EndpointOrder {
    }
}
