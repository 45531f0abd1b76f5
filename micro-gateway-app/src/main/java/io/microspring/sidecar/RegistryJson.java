package io.microspring.sidecar;

import io.microspring.registry.Service;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registry entries ({@link Service}, endpoints, nodes) as JSON, with go-micro's lower-case names:
 * read in any letter case with unknown fields skipped, as Go's decoder reads them.
 */
final class RegistryJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .build();

    private RegistryJson() {
    }
}
