package io.microspring.errors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes go-micro's error JSON: {@code {"id","code","detail","status"}}, empty fields omitted. */
final class ErrorJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ErrorJson() {
    }

    static String write(MicroException error) {
        StringBuilder json = new StringBuilder(64).append('{');
        appendString(json, "id", error.id());
        if (error.code() != 0) {
            separate(json).append("\"code\":").append(error.code());
        }
        appendString(json, "detail", error.detail());
        appendString(json, "status", error.status());
        return json.append('}').toString();
    }

    static MicroException read(String text) {
        if (text == null || text.isBlank()) {
            return new MicroException("", 500, "");
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node.isObject()) {
                return new MicroException(
                        node.path("id").asString(""),
                        node.path("code").asInt(0),
                        node.path("detail").asString(""),
                        node.path("status").asString(""));
            }
        } catch (JacksonException notJson) {
            // go-micro reads a plain string as the detail
        }
        return new MicroException("", 500, text);
    }

    private static void appendString(StringBuilder json, String name, String value) {
        if (value.isEmpty()) {
            return;
        }
        separate(json).append('"').append(name).append("\":");
        quote(json, value);
    }

    private static StringBuilder separate(StringBuilder json) {
        return json.length() > 1 ? json.append(',') : json;
    }

    private static void quote(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
