package io.microspring.codec.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

/**
 * What the protobuf JSON reader and writer need of one message type, worked out once per type:
 * its fields in field-number order (the order protobuf's JSON printer writes them in) with their
 * JSON names ready to write as bytes, the fields by both names they may be read by, and whether
 * the type is one the streamed path leaves to {@code JsonFormat} (well-known types, extendable types).
 */
final class ProtoJsonLayout {

    private static final String WELL_KNOWN_PACKAGE = "google.protobuf";
    private static final Map<Descriptor, ProtoJsonLayout> LAYOUTS = new ConcurrentHashMap<>();

    private final FieldDescriptor[] fields;
    private final byte[][] names;
    private final Map<String, FieldDescriptor> byName;
    private final boolean delegated;

    private ProtoJsonLayout(Descriptor type) {
        this.fields = type.getFields().stream().sorted(Comparator.comparingInt(FieldDescriptor::getNumber))
                .toArray(FieldDescriptor[]::new);
        this.names = Arrays.stream(fields)
                .map(field -> ('"' + field.getJsonName() + "\":").getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        this.byName = new HashMap<>();
        for (FieldDescriptor field : type.getFields()) {
            byName.put(field.getName(), field);
            byName.put(field.getJsonName(), field);
        }
        this.delegated = WELL_KNOWN_PACKAGE.equals(type.getFile().getPackage()) || type.isExtendable();
    }

    static ProtoJsonLayout of(Descriptor type) {
        ProtoJsonLayout layout = LAYOUTS.get(type);
        return layout != null ? layout : LAYOUTS.computeIfAbsent(type, ProtoJsonLayout::new);
    }

    /** The fields in field-number order. */
    FieldDescriptor[] fields() {
        return fields;
    }

    /** The JSON name of {@code fields()[index]}, quoted and followed by its colon, ready to write. */
    byte[] name(int index) {
        return names[index];
    }

    /** The field called {@code name} (its proto name or its JSON name), or {@code null}. */
    FieldDescriptor field(String name) {
        return byName.get(name);
    }

    /**
     * Whether messages of this type are left to {@code JsonFormat}: the well-known types, which
     * have JSON forms of their own, and types with extensions.
     */
    boolean delegated() {
        return delegated;
    }
}
