package io.microspring.gateway.handler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON request the rpc handler sends, built as micro's rpc handler does: path variables and
 * query parameters become fields ({@code a.b=1} and {@code a[b]=1} nest, {@code a[]=1} and repeated
 * keys make arrays, values that are valid JSON keep their type), and for PATCH, POST, PUT and
 * DELETE the body's fields are merged over them. A body with no parameters to merge is passed on
 * untouched, unparsed.
 */
final class RpcPayload {

    private static final JsonMapper MAPPER = JsonMapper.shared();
    private static final Set<String> WITH_BODY = Set.of("PATCH", "POST", "PUT", "DELETE");
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    private RpcPayload() {
    }

    /** The request for {@code method} with {@code rawQuery} (may be {@code null}), {@code pathVariables} and {@code body}. */
    static byte[] json(String method, String rawQuery, Map<String, String> pathVariables, byte[] body) {
        boolean hasBody = WITH_BODY.contains(method) && body.length > 0;
        boolean hasParameters = !pathVariables.isEmpty() || (rawQuery != null && !rawQuery.isEmpty());
        if (!hasParameters) {
            return hasBody ? body : EMPTY_OBJECT;
        }
        ObjectNode fields = MAPPER.createObjectNode();
        pathVariables.forEach((name, value) -> put(fields, keyPath(name), MAPPER.getNodeFactory().stringNode(value),
                false));
        Exchanges.form(rawQuery).forEach((key, values) -> values.forEach(value ->
                put(fields, keyPath(key), valueOf(value), true)));
        if (!hasBody) {
            return MAPPER.writeValueAsBytes(fields);
        }
        try {
            JsonNode parsed = MAPPER.readTree(body);
            if (!(parsed instanceof ObjectNode bodyFields)) {
                return body;
            }
            merge(fields, bodyFields);
            return MAPPER.writeValueAsBytes(fields);
        } catch (JacksonException notJson) {
            // the service answers a body it cannot read with its own error
            return body;
        }
    }

    private static List<String> keyPath(String key) {
        List<String> path = new ArrayList<>();
        for (String part : key.replace("]", "").split("[.\\[]", -1)) {
            path.add(part);
        }
        return path;
    }

    private static void put(ObjectNode root, List<String> path, JsonNode value, boolean repeatable) {
        ObjectNode node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String part = path.get(i);
            if (path.get(i + 1).isEmpty()) {
                arrayAt(node, part).add(value);
                return;
            }
            JsonNode child = node.get(part);
            node = child instanceof ObjectNode object ? object : node.putObject(part);
        }
        String last = path.get(path.size() - 1);
        JsonNode existing = node.get(last);
        if (repeatable && existing != null && !existing.isObject()) {
            arrayAt(node, last).add(value);
        } else {
            node.set(last, value);
        }
    }

    private static ArrayNode arrayAt(ObjectNode node, String field) {
        JsonNode existing = node.get(field);
        if (existing instanceof ArrayNode array) {
            return array;
        }
        ArrayNode array = node.putArray(field);
        if (existing != null && !existing.isObject()) {
            array.add(existing);
        }
        return array;
    }

    private static JsonNode valueOf(String value) {
        if (value.isBlank()) {
            return MAPPER.getNodeFactory().stringNode(value);
        }
        try {
            return MAPPER.readTree(value);
        } catch (JacksonException notJson) {
            return MAPPER.getNodeFactory().stringNode(value);
        }
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode current = target.get(field.getKey());
            if (current instanceof ObjectNode currentObject && field.getValue() instanceof ObjectNode patchObject) {
                merge(currentObject, patchObject);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }
}
