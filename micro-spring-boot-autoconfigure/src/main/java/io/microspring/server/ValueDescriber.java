package io.microspring.server;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

import io.microspring.codec.proto.ProtoTypes;
import io.microspring.internal.Types;
import io.microspring.registry.Value;

/**
 * Describes a message type as go-micro's registry {@link Value} tree: the type's name, then each
 * field with its name as it appears in JSON and its type in Go's spelling ({@code string},
 * {@code int32}, {@code []string}, a message name), three levels deep as go-micro does.
 */
final class ValueDescriber {

    private static final int MAX_DEPTH = 3;

    private ValueDescriber() {
    }

    static Value describe(Type type) {
        if (type == Void.class || type == void.class) {
            return null;
        }
        return describe(type, Types.rawClass(type).getSimpleName(), 0);
    }

    private static Value describe(Type type, String name, int depth) {
        Class<?> raw = Types.rawClass(type);
        if (ProtoTypes.isMessage(raw)) {
            Descriptor descriptor = ProtoTypes.defaultInstance(raw).getDescriptorForType();
            return new Value(name, descriptor.getName(), depth + 1 < MAX_DEPTH ? protoFields(descriptor, depth + 1) : List.of());
        }
        String goType = goType(type);
        List<Value> fields = isStructure(raw) && depth + 1 < MAX_DEPTH ? javaFields(raw, depth + 1) : List.of();
        return new Value(name, goType, fields);
    }

    private static List<Value> protoFields(Descriptor descriptor, int depth) {
        List<Value> values = new ArrayList<>();
        for (FieldDescriptor field : descriptor.getFields()) {
            values.add(protoField(field, depth));
        }
        return values;
    }

    private static Value protoField(FieldDescriptor field, int depth) {
        String element = switch (field.getJavaType()) {
            case INT -> field.getType() == FieldDescriptor.Type.UINT32 || field.getType() == FieldDescriptor.Type.FIXED32
                    ? "uint32" : "int32";
            case LONG -> field.getType() == FieldDescriptor.Type.UINT64 || field.getType() == FieldDescriptor.Type.FIXED64
                    ? "uint64" : "int64";
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case BOOLEAN -> "bool";
            case STRING -> "string";
            case BYTE_STRING -> "[]uint8";
            case ENUM -> field.getEnumType().getName();
            case MESSAGE -> field.isMapField() ? "map" : field.getMessageType().getName();
        };
        List<Value> nested = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()
                && depth + 1 < MAX_DEPTH ? protoFields(field.getMessageType(), depth + 1) : List.of();
        boolean list = field.isRepeated() && !field.isMapField();
        return new Value(field.getName(), list ? "[]" + element : element, nested);
    }

    private static List<Value> javaFields(Class<?> type, int depth) {
        List<Value> values = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                values.add(describe(component.getGenericType(), component.getName(), depth));
            }
            return values;
        }
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
                    values.add(describe(field.getGenericType(), field.getName(), depth));
                }
            }
        }
        return values;
    }

    private static String goType(Type type) {
        Class<?> raw = Types.rawClass(type);
        if (raw == String.class || raw == char.class || raw == Character.class) {
            return "string";
        }
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class) {
            return "int32";
        }
        if (raw == long.class || raw == Long.class) {
            return "int64";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "bool";
        }
        if (raw == double.class || raw == Double.class) {
            return "float64";
        }
        if (raw == float.class || raw == Float.class) {
            return "float32";
        }
        if (raw == byte[].class) {
            return "[]uint8";
        }
        if (raw == byte.class || raw == Byte.class) {
            return "uint8";
        }
        if (raw.isArray()) {
            return "[]" + goType(raw.getComponentType());
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return "[]" + goType(typeArgument(type, 0));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return "map[" + goType(typeArgument(type, 0)) + "]" + goType(typeArgument(type, 1));
        }
        if (ProtoTypes.isMessage(raw)) {
            return ProtoTypes.defaultInstance(raw).getDescriptorForType().getName();
        }
        return raw.getSimpleName();
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index) {
            return parameterized.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    private static boolean isStructure(Class<?> raw) {
        return !raw.isPrimitive() && !raw.isArray() && !raw.isEnum() && !raw.getName().startsWith("java.")
                && !Collection.class.isAssignableFrom(raw) && !Map.class.isAssignableFrom(raw);
    }
}
