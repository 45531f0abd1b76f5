package io.microspring.codec.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson set up to read and write JSON as Go's {@code encoding/json} does: fields in the order
 * they are declared, map keys sorted, unknown fields ignored, field names matched in any letter
 * case, and {@code null} read into a primitive as its zero value.
 */
public final class GoJson {

    private GoJson() {
    }

    /** A builder with Go's behaviour; add mix-ins or modules before {@code build()}. */
    public static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES);
    }
}
