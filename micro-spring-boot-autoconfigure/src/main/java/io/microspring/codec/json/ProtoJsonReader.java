package io.microspring.codec.json;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Reads protobuf messages from JSON with Jackson's streaming parser, walking the message
 * descriptors, to the very message protobuf-java's {@code JsonFormat} parser (ignoring unknown
 * fields) reads. It takes the JSON a peer writes: an object of known and unknown fields, numbers
 * as numbers or (64-bit) as strings, enums by name or number, bytes in base64, nested messages,
 * lists and maps. Anything else (nulls, numbers in exponent form, well-known types, a field given
 * twice, malformed JSON) is {@linkplain #read not read here}, so that {@code JsonFormat} reads it,
 * or fails on it, exactly as before.
 */
final class ProtoJsonReader {

    /** Buffers recycled per thread: the reader runs on the event loops, a few long-lived threads. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build();
    /** How deep messages may nest, as in {@code JsonFormat}'s parser. */
    private static final int RECURSION_LIMIT = 100;
    private static final double FLOAT_TOLERANCE = 1.0 + 1e-6;
    private static final BigDecimal MAX_DOUBLE = new BigDecimal(String.valueOf(Double.MAX_VALUE))
            .multiply(new BigDecimal(String.valueOf(FLOAT_TOLERANCE)));

    private ProtoJsonReader() {
    }

    /**
     * Merges {@code json} into {@code builder} and builds the message, or returns {@code null},
     * leaving {@code builder} in any state, when the input is not one this reader takes.
     */
    static Message read(byte[] json, Message.Builder builder) {
        if (!startsWithObject(json) || ProtoJsonLayout.of(builder.getDescriptorForType()).delegated()) {
            return null;
        }
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            parser.nextToken();
            readMessage(parser, builder, 0);
            if (parser.nextToken() != null) {
                return null;
            }
            return builder.build();
        } catch (RuntimeException e) {
            // NotReadable, a JacksonException, a number out of range: JsonFormat reads it or names the problem
            return null;
        }
    }

    /** Whether the first byte other than JSON whitespace opens an object (no byte-order mark, no other encoding). */
    private static boolean startsWithObject(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    private static void readMessage(JsonParser parser, Message.Builder builder, int depth) {
        ProtoJsonLayout layout = ProtoJsonLayout.of(builder.getDescriptorForType());
        if (parser.currentToken() != JsonToken.START_OBJECT || layout.delegated() || depth >= RECURSION_LIMIT) {
            throw NotReadable.INSTANCE;
        }
        long seen = 0; // by field index; a message of more than 64 fields is left to JsonFormat past its 64th
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            FieldDescriptor field = layout.field(name);
            JsonToken value = parser.nextToken();
            if (field == null) {
                parser.skipChildren();
                continue;
            }
            long bit = field.getIndex() < Long.SIZE ? 1L << field.getIndex() : 0;
            OneofDescriptor oneof = field.getContainingOneof();
            if (bit == 0 || (seen & bit) != 0 || value == JsonToken.VALUE_NULL
                    || (oneof != null && builder.getOneofFieldDescriptor(oneof) != null)) {
                throw NotReadable.INSTANCE;
            }
            seen |= bit;
            if (field.isMapField()) {
                readMap(parser, builder, field, depth);
            } else if (field.isRepeated()) {
                expect(parser, JsonToken.START_ARRAY);
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    builder.addRepeatedField(field, readValue(parser, builder, field, depth));
                }
            } else {
                builder.setField(field, readValue(parser, builder, field, depth));
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw NotReadable.INSTANCE;
        }
    }

    private static void readMap(JsonParser parser, Message.Builder builder, FieldDescriptor field, int depth) {
        expect(parser, JsonToken.START_OBJECT);
        FieldDescriptor keyField = field.getMessageType().findFieldByName("key");
        FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
        Set<String> keys = new HashSet<>();
        for (String key = parser.nextName(); key != null; key = parser.nextName()) {
            parser.nextToken();
            if (!keys.add(key)) {
                throw NotReadable.INSTANCE;
            }
            Message.Builder entry = builder.newBuilderForField(field);
            entry.setField(keyField, readKey(keyField, key));
            entry.setField(valueField, readValue(parser, entry, valueField, depth));
            builder.addRepeatedField(field, entry.build());
        }
        expect(parser, JsonToken.END_OBJECT);
    }

    private static Object readKey(FieldDescriptor keyField, String key) {
        return switch (keyField.getType()) {
            case STRING -> key;
            case INT32, SINT32, SFIXED32 -> Integer.parseInt(key);
            case INT64, SINT64, SFIXED64 -> Long.parseLong(key);
            case UINT32, FIXED32 -> uint32(Long.parseLong(key));
            case UINT64, FIXED64 -> uint64(key);
            case BOOL -> switch (key) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw NotReadable.INSTANCE;
            };
            default -> throw NotReadable.INSTANCE;
        };
    }

    /** The value at the parser's current token, as {@code JsonFormat} would read that token for {@code field}. */
    private static Object readValue(JsonParser parser, Message.Builder parent, FieldDescriptor field, int depth) {
        JsonToken token = parser.currentToken();
        return switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> token == JsonToken.VALUE_STRING ? Integer.parseInt(parser.getString())
                    : Math.toIntExact(integer(parser, token));
            case INT64, SINT64, SFIXED64 -> token == JsonToken.VALUE_STRING ? Long.parseLong(parser.getString())
                    : integer(parser, token);
            case UINT32, FIXED32 -> uint32(token == JsonToken.VALUE_STRING ? Long.parseLong(parser.getString())
                    : integer(parser, token));
            case UINT64, FIXED64 -> uint64(token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT
                    ? parser.getString() : "");
            case BOOL -> switch (token) {
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                default -> throw NotReadable.INSTANCE;
            };
            case FLOAT -> readFloat(parser, token);
            case DOUBLE -> readDouble(parser, token);
            case STRING -> {
                expectCurrent(token, JsonToken.VALUE_STRING);
                yield parser.getString();
            }
            case BYTES -> {
                expectCurrent(token, JsonToken.VALUE_STRING);
                yield readBytes(parser.getString());
            }
            case ENUM -> readEnum(parser, field, token);
            case MESSAGE, GROUP -> {
                Message.Builder nested = parent.newBuilderForField(field);
                readMessage(parser, nested, depth + 1);
                yield nested.build();
            }
        };
    }

    /** An integer token that fits in a long; other tokens (a fraction, an exponent, a huge number) are not read here. */
    private static long integer(JsonParser parser, JsonToken token) {
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw NotReadable.INSTANCE;
        }
        return parser.getLongValue();
    }

    private static int uint32(long value) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw NotReadable.INSTANCE;
        }
        return (int) value;
    }

    /** Plain decimal digits within 64 unsigned bits; anything else is left to {@code JsonFormat}. */
    private static long uint64(String digits) {
        if (digits.isEmpty()) {
            throw NotReadable.INSTANCE;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw NotReadable.INSTANCE;
            }
        }
        return Long.parseUnsignedLong(digits);
    }

    private static float readFloat(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_STRING) {
            return (float) notANumber(parser.getString());
        }
        double value = Double.parseDouble(numberText(parser, token));
        if (value > Float.MAX_VALUE * FLOAT_TOLERANCE || value < -Float.MAX_VALUE * FLOAT_TOLERANCE) {
            throw NotReadable.INSTANCE;
        }
        return (float) value;
    }

    private static double readDouble(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_STRING) {
            return notANumber(parser.getString());
        }
        BigDecimal value = new BigDecimal(numberText(parser, token));
        if (value.abs().compareTo(MAX_DOUBLE) > 0) {
            throw NotReadable.INSTANCE;
        }
        return value.doubleValue();
    }

    /**
     * The values JSON writes as strings, {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"};
     * other strings are left to {@code JsonFormat}.
     */
    private static double notANumber(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw NotReadable.INSTANCE;
        };
    }

    /** The text of a number token; other tokens are left to {@code JsonFormat}. */
    private static String numberText(JsonParser parser, JsonToken token) {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw NotReadable.INSTANCE;
        }
        return parser.getString();
    }

    private static ByteString readBytes(String base64) {
        try {
            return ByteString.copyFrom(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return ByteString.copyFrom(Base64.getUrlDecoder().decode(base64));
        }
    }

    private static EnumValueDescriptor readEnum(JsonParser parser, FieldDescriptor field, JsonToken token) {
        EnumValueDescriptor value = switch (token) {
            case VALUE_STRING -> field.getEnumType().findValueByName(parser.getString());
            case VALUE_NUMBER_INT -> parser.getNumberType() != JsonParser.NumberType.INT ? null
                    : field.getEnumType().isClosed() ? field.getEnumType().findValueByNumber(parser.getIntValue())
                    : field.getEnumType().findValueByNumberCreatingIfUnknown(parser.getIntValue());
            default -> null;
        };
        if (value == null) {
            throw NotReadable.INSTANCE;
        }
        return value;
    }

    private static void expect(JsonParser parser, JsonToken token) {
        expectCurrent(parser.currentToken(), token);
    }

    private static void expectCurrent(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw NotReadable.INSTANCE;
        }
    }

    /** Input this reader leaves to {@code JsonFormat}. */
    private static final class NotReadable extends RuntimeException {

        static final NotReadable INSTANCE = new NotReadable();

        private NotReadable() {
            super(null, null, false, false);
        }
    }
}
