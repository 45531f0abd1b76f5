package io.microspring.codec.json;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import io.microspring.codec.CodecException;
import io.microspring.codec.proto.ProtoTypes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for both kinds of message types: protobuf messages through the protobuf JSON mapping
 * (written in lowerCamelCase as Go's protojson does, read in either camelCase or the original
 * field names; streamed over the message descriptors by {@link ProtoJsonWriter} and
 * {@link ProtoJsonReader}, with protobuf's {@code JsonFormat} for what those leave to it),
 * everything else through Jackson, reading as Go's encoding/json does ({@link GoJson})
 * unless the application gives its own mapper. The mapper may be made on first use, and the
 * protobuf JSON mapping is set up on first use.
 */
public final class JsonMarshaller {

    private static final byte[] EMPTY = new byte[0];

    private final Supplier<JsonMapper> mappers;
    private volatile JsonMapper mapper;

    /** With a mapper configured as go-micro peers expect. */
    public JsonMarshaller() {
        this(GoJson.builder().build());
    }

    /** With the application's own mapper for non-protobuf types. */
    public JsonMarshaller(JsonMapper mapper) {
        this.mapper = mapper;
        this.mappers = () -> mapper;
    }

    /**
     * With the mapper {@code mappers} makes when one is first needed: a program that passes JSON
     * through as bytes (the {@code micro} CLI's calls) never builds it.
     */
    public JsonMarshaller(Supplier<JsonMapper> mappers) {
        this.mappers = mappers;
    }

    /** The JSON of {@code value}; no bytes for {@code null}. */
    public byte[] write(Object value) {
        if (value == null) {
            return EMPTY;
        }
        try {
            if (value instanceof Message message) {
                return ProtoJsonWriter.write(message);
            }
            return mapper().writeValueAsBytes(value);
        } catch (InvalidProtocolBufferException | JacksonException e) {
            throw new CodecException("cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** {@code json} read as {@code type}; an empty input gives the type's empty value. */
    public Object read(byte[] json, Type type) {
        if (type == Void.class || type == void.class) {
            return null;
        }
        if (ProtoTypes.isMessage(type)) {
            Message message = ProtoJsonReader.read(json, ProtoTypes.defaultInstance(type).newBuilderForType());
            return message != null ? message : readProto(new String(json, StandardCharsets.UTF_8), type);
        }
        try {
            return mapper().readValue(isBlank(json) ? "{}".getBytes(StandardCharsets.UTF_8) : json, javaType(type));
        } catch (JacksonException e) {
            throw new CodecException("invalid JSON for " + type.getTypeName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A parsed JSON tree read as {@code type}. */
    public Object read(JsonNode node, Type type) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return read(EMPTY, type);
        }
        if (ProtoTypes.isMessage(type)) {
            return readProto(node.toString(), type);
        }
        try {
            return mapper().readerFor(javaType(type)).readValue(node);
        } catch (JacksonException e) {
            throw new CodecException("invalid JSON for " + type.getTypeName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Parses {@code json} into a tree, or fails with the position of the error. */
    public JsonNode readTree(byte[] json) {
        try {
            return mapper().readTree(json);
        } catch (JacksonException e) {
            throw new CodecException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a tree whose leaves may be messages of either kind. */
    public JsonNode toTree(Object value) {
        if (value == null) {
            return mapper().nullNode();
        }
        if (value instanceof Message) {
            return readTree(write(value));
        }
        return mapper().valueToTree(value);
    }

    /** The underlying Jackson mapper. */
    public JsonMapper mapper() {
        JsonMapper current = mapper;
        if (current == null) {
            synchronized (this) {
                if (mapper == null) {
                    mapper = mappers.get();
                }
                current = mapper;
            }
        }
        return current;
    }

    private Message readProto(String json, Type type) {
        Message.Builder builder = ProtoTypes.defaultInstance(type).newBuilderForType();
        if (json.isBlank()) {
            return builder.build();
        }
        try {
            ProtoJson.PARSER.merge(json, builder);
            return builder.build();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new CodecException("invalid JSON for " + builder.getDescriptorForType().getFullName() + ": "
                    + e.getMessage(), e);
        }
    }

    private JavaType javaType(Type type) {
        return mapper().getTypeFactory().constructType(type);
    }

    private static boolean isBlank(byte[] data) {
        for (byte b : data) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** Protobuf's JSON parser for what {@link ProtoJsonReader} leaves to it, set up when first needed. */
    private static final class ProtoJson {

        static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    }
}
