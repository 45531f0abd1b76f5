package io.microspring.toolkit.command;

import java.nio.charset.StandardCharsets;

import io.microspring.errors.MicroException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON the commands read and write. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private Json() {
    }

    /** {@code value} as compact JSON. */
    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** {@code value} as indented JSON. */
    static String pretty(Object value) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    /** {@code json} as indented JSON, or as it is when it is not JSON. */
    static String pretty(byte[] json) {
        try {
            return pretty(MAPPER.readTree(json));
        } catch (JacksonException notJson) {
            return new String(json, StandardCharsets.UTF_8);
        }
    }

    /** {@code json} parsed; a 400 naming {@code what} when it is not JSON. */
    static JsonNode parse(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw MicroException.badRequest(Command.ID, "%s is not valid JSON: %s", what, e.getOriginalMessage());
        }
    }

    /** {@code json} read as {@code type}; a 400 naming {@code what} when it does not fit. */
    static <T> T read(String json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw MicroException.badRequest(Command.ID, "%s is not valid: %s", what, e.getOriginalMessage());
        }
    }
}
