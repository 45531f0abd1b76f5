package io.microspring.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.microspring.registry.Value;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON a call form starts from, built from an endpoint's request description: every field
 * with an empty value of its Go type ({@code ""}, {@code 0}, {@code false}, {@code []},
 * {@code {}}), nested messages as objects.
 */
final class RequestSkeleton {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private RequestSkeleton() {
    }

    /** The pretty-printed skeleton of {@code request}; {@code {}} when it has no description. */
    static String of(Value request) {
        Map<String, Object> fields = request == null ? Map.of() : fields(request.values());
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(fields);
    }

    private static Map<String, Object> fields(List<Value> values) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Value value : values) {
            fields.put(value.name(), empty(value));
        }
        return fields;
    }

    private static Object empty(Value value) {
        String type = value.type() == null ? "" : value.type();
        if (type.startsWith("[]") && !type.equals("[]uint8")) {
            return new ArrayList<>();
        }
        return switch (type) {
            case "string", "[]uint8" -> "";
            case "bool" -> false;
            case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "float32",
                    "float64" -> 0;
            default -> value.values().isEmpty() ? new LinkedHashMap<>() : fields(value.values());
        };
    }
}
