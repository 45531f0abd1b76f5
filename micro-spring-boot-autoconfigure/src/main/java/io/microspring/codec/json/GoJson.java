package io.microspring.codec.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson set up to read JSON as Go's {@code encoding/json} does: unknown fields ignored, field
 * names matched in any letter case, and {@code null} read into a primitive as its zero value.
 */
public final class GoJson {

    private GoJson() {
    }

    /** A builder that reads as Go does; add mix-ins, modules or write features before {@code build()}. */
    public static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES);
    }
}
