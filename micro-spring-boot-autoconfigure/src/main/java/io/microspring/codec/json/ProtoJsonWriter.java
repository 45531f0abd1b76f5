package io.microspring.codec.json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * Writes protobuf messages as JSON with Jackson's streaming generator, walking the message
 * descriptors, byte for byte as protobuf-java's {@code JsonFormat} printer (without insignificant
 * whitespace) writes them: lowerCamelCase names in field-number order, fields at their default
 * left out, 64-bit integers as strings, enums by name, bytes in base64, strings escaped as Gson
 * escapes them. Well-known types are written by {@code JsonFormat} itself, and a message the
 * generator cannot write exactly so (extensions, unpaired surrogates) is handed to it whole.
 */
final class ProtoJsonWriter {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .characterEscapes(new GsonEscapes())
            .build();
    private static final String NULL_VALUE = "google.protobuf.NullValue";

    private ProtoJsonWriter() {
    }

    /** The JSON of {@code message}, as {@code JsonFormat} writes it. */
    static byte[] write(Message message) throws InvalidProtocolBufferException {
        if (!ProtoJsonLayout.of(message.getDescriptorForType()).delegated()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), bytes)) {
                writeMessage(generator, message);
            } catch (JacksonException | NotWritable e) {
                return delegate(message);
            }
            return bytes.toByteArray();
        }
        return delegate(message);
    }

    private static byte[] delegate(Message message) throws InvalidProtocolBufferException {
        return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
    }

    private static void writeMessage(JsonGenerator generator, Message message) {
        ProtoJsonLayout layout = ProtoJsonLayout.of(message.getDescriptorForType());
        if (layout.delegated()) {
            try {
                generator.writeRawValue(PRINTER.print(message));
            } catch (InvalidProtocolBufferException e) {
                throw NotWritable.INSTANCE;
            }
            return;
        }
        generator.writeStartObject();
        FieldDescriptor[] fields = layout.fields();
        for (int i = 0; i < fields.length; i++) {
            FieldDescriptor field = fields[i];
            if (field.isRepeated()) {
                if (message.getRepeatedFieldCount(field) == 0) {
                    continue;
                }
                generator.writeName(layout.name(i));
                if (field.isMapField()) {
                    writeMap(generator, field, (List<?>) message.getField(field));
                } else {
                    generator.writeStartArray();
                    for (Object element : (List<?>) message.getField(field)) {
                        writeValue(generator, field, element);
                    }
                    generator.writeEndArray();
                }
            } else if (message.hasField(field)) {
                generator.writeName(layout.name(i));
                writeValue(generator, field, message.getField(field));
            }
        }
        generator.writeEndObject();
    }

    private static void writeMap(JsonGenerator generator, FieldDescriptor field, List<?> entries) {
        FieldDescriptor keyField = field.getMessageType().findFieldByName("key");
        FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
        generator.writeStartObject();
        for (Object element : entries) {
            Message entry = (Message) element;
            generator.writeName(wellFormed(key(keyField, entry.getField(keyField))));
            writeValue(generator, valueField, entry.getField(valueField));
        }
        generator.writeEndObject();
    }

    /** A map key as JSON names it: the value's text (64-bit and unsigned integers as their decimal). */
    private static String key(FieldDescriptor keyField, Object key) {
        return switch (keyField.getType()) {
            case UINT32, FIXED32 -> Integer.toUnsignedString((Integer) key);
            case UINT64, FIXED64 -> Long.toUnsignedString((Long) key);
            default -> key.toString();
        };
    }

    private static void writeValue(JsonGenerator generator, FieldDescriptor field, Object value) {
        switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> generator.writeNumber((int) (Integer) value);
            case INT64, SINT64, SFIXED64 -> generator.writeString(Long.toString((Long) value));
            case UINT32, FIXED32 -> generator.writeNumber(Integer.toUnsignedLong((Integer) value));
            case UINT64, FIXED64 -> generator.writeString(Long.toUnsignedString((Long) value));
            case BOOL -> generator.writeBoolean((Boolean) value);
            case FLOAT -> writeFloatingPoint(generator, (Float) value, value.toString());
            case DOUBLE -> writeFloatingPoint(generator, (Double) value, value.toString());
            case STRING -> generator.writeString(wellFormed((String) value));
            // base64 as it is: JsonFormat does not escape its '='
            case BYTES -> generator.writeRawValue('"' + Base64.getEncoder().encodeToString(((ByteString) value).toByteArray())
                    + '"');
            case ENUM -> writeEnum(generator, field, (EnumValueDescriptor) value);
            case MESSAGE, GROUP -> writeMessage(generator, (Message) value);
        }
    }

    /** A float or double: NaN and the infinities as strings, any other value as Java's {@code toString} gives it. */
    private static void writeFloatingPoint(JsonGenerator generator, double value, String text) {
        if (Double.isNaN(value)) {
            generator.writeString("NaN");
        } else if (Double.isInfinite(value)) {
            generator.writeString(value < 0 ? "-Infinity" : "Infinity");
        } else {
            generator.writeNumber(text);
        }
    }

    /**
     * {@code text}, unless it holds an unpaired surrogate, which {@code JsonFormat} writes as
     * {@code ?} (Java's UTF-8 encoder replaces it) and the generator would not: such a message is
     * handed to {@code JsonFormat}.
     */
    private static String wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw NotWritable.INSTANCE;
                }
            }
        }
        return text;
    }

    private static void writeEnum(JsonGenerator generator, FieldDescriptor field, EnumValueDescriptor value) {
        if (NULL_VALUE.equals(field.getEnumType().getFullName())) {
            generator.writeNull();
        } else if (value.getIndex() == -1) {
            generator.writeNumber(value.getNumber());
        } else {
            generator.writeString(value.getName());
        }
    }

    /** A message the generator cannot write as {@code JsonFormat} does; it is handed to {@code JsonFormat}. */
    private static final class NotWritable extends RuntimeException {

        static final NotWritable INSTANCE = new NotWritable();

        private NotWritable() {
            super(null, null, false, false);
        }
    }

    /**
     * The escapes Gson applies to strings (and so {@code JsonFormat}): control characters, quote
     * and backslash as JSON requires, and also {@code < > & = '} and U+2028, U+2029, all as
     * six-character escapes with lower-case hex digits; the slash is left alone.
     */
    private static final class GsonEscapes extends CharacterEscapes {

        private static final int[] ASCII = standardAsciiEscapesForJSON();
        private static final SerializableString LINE_SEPARATOR = new SerializedString("\\u2028");
        private static final SerializableString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

        static {
            for (char c : new char[] {'<', '>', '&', '=', '\''}) {
                ASCII[c] = ESCAPE_STANDARD;
            }
            ASCII['/'] = ESCAPE_NONE;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '\u2028' -> LINE_SEPARATOR;
                case '\u2029' -> PARAGRAPH_SEPARATOR;
                default -> null;
            };
        }
    }
}
