package io.microspring.codec.json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/**
 * Writes protobuf messages as JSON straight into bytes, walking the message descriptors, byte for
 * byte as protobuf-java's {@code JsonFormat} printer (without insignificant whitespace) writes
 * them: lowerCamelCase names in field-number order, fields at their default left out, 64-bit
 * integers as strings, enums by name, bytes in base64, strings escaped as Gson escapes them. The
 * well-known types, which have JSON forms of their own, and extendable types are written by
 * {@code JsonFormat} itself.
 */
final class ProtoJsonWriter {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final String NULL_VALUE = "google.protobuf.NullValue";

    private ProtoJsonWriter() {
    }

    /** The JSON of {@code message}, as {@code JsonFormat} writes it. */
    static byte[] write(Message message) throws InvalidProtocolBufferException {
        if (ProtoJsonLayout.of(message.getDescriptorForType()).delegated()) {
            return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        }
        JsonOutput out = JsonOutput.ofThisThread();
        writeMessage(out, message);
        return out.toByteArray();
    }

    private static void writeMessage(JsonOutput out, Message message) throws InvalidProtocolBufferException {
        ProtoJsonLayout layout = ProtoJsonLayout.of(message.getDescriptorForType());
        if (layout.delegated()) {
            out.raw(PRINTER.print(message).getBytes(StandardCharsets.UTF_8));
            return;
        }
        out.raw('{');
        boolean first = true;
        FieldDescriptor[] fields = layout.fields();
        for (int i = 0; i < fields.length; i++) {
            FieldDescriptor field = fields[i];
            boolean present = field.isRepeated() ? message.getRepeatedFieldCount(field) > 0 : message.hasField(field);
            if (!present) {
                continue;
            }
            if (!first) {
                out.raw(',');
            }
            first = false;
            out.raw(layout.name(i));
            if (field.isMapField()) {
                writeMap(out, field, (List<?>) message.getField(field));
            } else if (field.isRepeated()) {
                out.raw('[');
                boolean firstElement = true;
                for (Object element : (List<?>) message.getField(field)) {
                    if (!firstElement) {
                        out.raw(',');
                    }
                    firstElement = false;
                    writeValue(out, field, element);
                }
                out.raw(']');
            } else {
                writeValue(out, field, message.getField(field));
            }
        }
        out.raw('}');
    }

    private static void writeMap(JsonOutput out, FieldDescriptor field, List<?> entries)
            throws InvalidProtocolBufferException {
        FieldDescriptor keyField = field.getMessageType().findFieldByName("key");
        FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
        out.raw('{');
        boolean first = true;
        for (Object element : entries) {
            Message entry = (Message) element;
            if (!first) {
                out.raw(',');
            }
            first = false;
            out.string(key(keyField, entry.getField(keyField))).raw(':');
            writeValue(out, valueField, entry.getField(valueField));
        }
        out.raw('}');
    }

    /** A map key as JSON names it: the value's text (unsigned integers as their unsigned decimal). */
    private static String key(FieldDescriptor keyField, Object key) {
        return switch (keyField.getType()) {
            case UINT32, FIXED32 -> Integer.toUnsignedString((Integer) key);
            case UINT64, FIXED64 -> Long.toUnsignedString((Long) key);
            default -> key.toString();
        };
    }

    private static void writeValue(JsonOutput out, FieldDescriptor field, Object value)
            throws InvalidProtocolBufferException {
        switch (field.getType()) {
            case INT32, SINT32, SFIXED32, BOOL -> out.raw(value.toString());
            case INT64, SINT64, SFIXED64 -> out.raw('"').raw(value.toString()).raw('"');
            case UINT32, FIXED32 -> out.raw(Integer.toUnsignedString((Integer) value));
            case UINT64, FIXED64 -> out.raw('"').raw(Long.toUnsignedString((Long) value)).raw('"');
            case FLOAT -> writeFloatingPoint(out, (Float) value, value.toString());
            case DOUBLE -> writeFloatingPoint(out, (Double) value, value.toString());
            case STRING -> out.string((String) value);
            case BYTES -> out.raw('"').raw(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()))
                    .raw('"');
            case ENUM -> writeEnum(out, field, (EnumValueDescriptor) value);
            case MESSAGE, GROUP -> writeMessage(out, (Message) value);
        }
    }

    /** A float or double: NaN and the infinities as strings, any other value as Java's {@code toString} gives it. */
    private static void writeFloatingPoint(JsonOutput out, double value, String text) {
        if (Double.isNaN(value)) {
            out.raw("\"NaN\"");
        } else if (Double.isInfinite(value)) {
            out.raw(value < 0 ? "\"-Infinity\"" : "\"Infinity\"");
        } else {
            out.raw(text);
        }
    }

    private static void writeEnum(JsonOutput out, FieldDescriptor field, EnumValueDescriptor value) {
        if (NULL_VALUE.equals(field.getEnumType().getFullName())) {
            out.raw("null");
        } else if (value.getIndex() == -1) {
            out.raw(Integer.toString(value.getNumber()));
        } else {
            out.raw('"').raw(value.getName()).raw('"');
        }
    }
}
