package io.microspring.toolkit.command;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import io.microspring.errors.MicroException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON the commands read and write, with Jackson's shared mapper (the CLI's codecs use it
 * too). What a {@code micro call} needs, checking the request and indenting the response, is done
 * with the streaming parser and generator: the mapper's classes are loaded only by commands that
 * need it.
 */
final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /** {@code value} as compact JSON. */
    static String write(Object value) {
        return JsonMapper.shared().writeValueAsString(value);
    }

    /** {@code json} as indented JSON, or as it is when it is not one JSON value. */
    static String pretty(byte[] json) {
        StringWriter indented = new StringWriter();
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json);
                JsonGenerator generator = FACTORY.createGenerator(new Indented(), indented)) {
            if (parser.nextToken() == null) {
                return new String(json, StandardCharsets.UTF_8);
            }
            generator.copyCurrentStructure(parser);
            if (parser.nextToken() != null) {
                return new String(json, StandardCharsets.UTF_8);
            }
        } catch (JacksonException notJson) {
            return new String(json, StandardCharsets.UTF_8);
        }
        return indented.toString();
    }

    /** Checks that {@code json} is one JSON value; a 400 naming {@code what} when it is not. */
    static void check(String json, String what) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            if (parser.nextToken() == null) {
                throw MicroException.badRequest(Command.ID, "%s is not valid JSON: it is empty", what);
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw MicroException.badRequest(Command.ID, "%s is not valid JSON: more follows its value", what);
            }
        } catch (JacksonException e) {
            throw MicroException.badRequest(Command.ID, "%s is not valid JSON: %s", what, e.getOriginalMessage());
        }
    }

    /** {@code json} parsed; a 400 naming {@code what} when it is not JSON. */
    static JsonNode parse(String json, String what) {
        try {
            return JsonMapper.shared().readTree(json);
        } catch (JacksonException e) {
            throw MicroException.badRequest(Command.ID, "%s is not valid JSON: %s", what, e.getOriginalMessage());
        }
    }

    /** {@code json} read as {@code type}; a 400 naming {@code what} when it does not fit. */
    static <T> T read(String json, Class<T> type, String what) {
        try {
            return JsonMapper.shared().readValue(json, type);
        } catch (JacksonException e) {
            throw MicroException.badRequest(Command.ID, "%s is not valid: %s", what, e.getOriginalMessage());
        }
    }

    /** Writes with Jackson's default indentation, as the mapper's pretty printer does. */
    private static final class Indented extends ObjectWriteContext.Base {

        @Override
        public PrettyPrinter getPrettyPrinter() {
            return new DefaultPrettyPrinter();
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    }
}
