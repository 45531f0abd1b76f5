package io.microspring.registry.mdns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.microspring.registry.Endpoint;
import io.microspring.registry.Value;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads the JSON of a TXT record ({@link MdnsTxt}) with Jackson's streaming parser, as Go's
 * {@code encoding/json} reads it: keys in any letter case, unknown keys skipped, {@code null} as the
 * empty value. A lookup (every {@code micro call} and {@code get service}) reads these records,
 * and reading them through a data-binding mapper would load several hundred classes first.
 */
final class MdnsTxtJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private MdnsTxtJson() {
    }

    /** The record in {@code json}; fails with an {@link IllegalArgumentException} saying what is wrong. */
    static MdnsTxt read(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            if (parser.nextToken() == JsonToken.VALUE_NULL) {
                throw new IllegalArgumentException("JSON null instead of an object");
            }
            Map<String, String> metadata = null;
            String service = null;
            String version = null;
            List<Endpoint> endpoints = null;
            for (String key = firstKey(parser, "the record"); key != null; key = nextKey(parser)) {
                switch (key) {
                    case "metadata" -> metadata = strings(parser);
                    case "service" -> service = string(parser);
                    case "version" -> version = string(parser);
                    case "endpoints" -> endpoints = list(parser, MdnsTxtJson::endpoint);
                    default -> parser.skipChildren();
                }
            }
            return new MdnsTxt(metadata, service, version, endpoints);
        }
    }

    private static Endpoint endpoint(JsonParser parser) {
        String name = null;
        Value request = null;
        Value response = null;
        Map<String, String> metadata = null;
        for (String key = firstKey(parser, "an endpoint"); key != null; key = nextKey(parser)) {
            switch (key) {
                case "name" -> name = string(parser);
                case "request" -> request = value(parser);
                case "response" -> response = value(parser);
                case "metadata" -> metadata = strings(parser);
                default -> parser.skipChildren();
            }
        }
        return new Endpoint(name, request, response, metadata);
    }

    /** go-micro's {@code Value}: a field's name, its type and the fields of that type. */
    private static Value value(JsonParser parser) {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        String name = null;
        String type = null;
        List<Value> values = null;
        for (String key = firstKey(parser, "a value"); key != null; key = nextKey(parser)) {
            switch (key) {
                case "name" -> name = string(parser);
                case "type" -> type = string(parser);
                case "values" -> values = list(parser, MdnsTxtJson::value);
                default -> parser.skipChildren();
            }
        }
        return new Value(name, type, values);
    }

    /** The elements of the array at the parser, each read by {@code element}; {@code null} for JSON null. */
    private static <T> List<T> list(JsonParser parser, Function<JsonParser, T> element) {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("an array expected, not " + parser.currentToken());
        }
        List<T> elements = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            elements.add(element.apply(parser));
        }
        return elements;
    }

    /** The object of strings at the parser; {@code null} for JSON null. */
    private static Map<String, String> strings(JsonParser parser) {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (String key = firstKey(parser, "metadata"); key != null; key = nextKey(parser)) {
            String value = string(parser);
            strings.put(parser.currentName(), value == null ? "" : value);
        }
        return strings;
    }

    private static String string(JsonParser parser) {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> parser.getString();
            default -> throw new IllegalArgumentException("a string expected for " + parser.currentName() + ", not "
                    + parser.currentToken());
        };
    }

    /** At an object's start: its first key, lower-cased, with the parser on its value; null when it is empty. */
    private static String firstKey(JsonParser parser, String what) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("an object expected for " + what + ", not " + parser.currentToken());
        }
        return nextKey(parser);
    }

    /** After a value: the object's next key, lower-cased, with the parser on its value; null at its end. */
    private static String nextKey(JsonParser parser) {
        if (parser.nextToken() != JsonToken.PROPERTY_NAME) {
            return null;
        }
        String key = parser.currentName().toLowerCase(Locale.ROOT);
        parser.nextToken();
        return key;
    }
}
