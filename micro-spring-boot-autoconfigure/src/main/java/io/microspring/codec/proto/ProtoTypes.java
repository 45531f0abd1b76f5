package io.microspring.codec.proto;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.protobuf.Message;

import io.microspring.codec.CodecException;
import io.microspring.internal.Types;

/** Finds the default instance of generated protobuf message classes, once per class. */
public final class ProtoTypes {

    private static final Map<Class<?>, Message> DEFAULTS = new ConcurrentHashMap<>();

    private ProtoTypes() {
    }

    /** Whether {@code type} is a generated protobuf message class. */
    public static boolean isMessage(Type type) {
        return Message.class.isAssignableFrom(Types.rawClass(type));
    }

    /** The default instance of the message class {@code type}, from which builders and parsers come. */
    public static Message defaultInstance(Type type) {
        return DEFAULTS.computeIfAbsent(Types.rawClass(type), ProtoTypes::lookUp);
    }

    private static Message lookUp(Class<?> messageClass) {
        try {
            Method method = messageClass.getMethod("getDefaultInstance");
            return (Message) method.invoke(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new CodecException(messageClass.getName() + " is not a generated protobuf message class", e);
        }
    }
}
