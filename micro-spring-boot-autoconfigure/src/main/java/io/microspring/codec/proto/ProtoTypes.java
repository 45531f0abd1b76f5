package io.microspring.codec.proto;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

import com.google.protobuf.Message;

import io.microspring.codec.CodecException;
import io.microspring.internal.Types;

/** Finds the default instance of generated protobuf message classes, once per class. */
public final class ProtoTypes {

    /** Each class's default instance, found once; a {@link ClassValue} is read without hashing or locking. */
    private static final ClassValue<Message> DEFAULTS = new ClassValue<>() {
        @Override
        protected Message computeValue(Class<?> messageClass) {
            return lookUp(messageClass);
        }
    };

    private ProtoTypes() {
    }

    /** Whether {@code type} is a generated protobuf message class. */
    public static boolean isMessage(Type type) {
        return Message.class.isAssignableFrom(Types.rawClass(type));
    }

    /** The default instance of the message class {@code type}, from which builders and parsers come. */
    public static Message defaultInstance(Type type) {
        return DEFAULTS.get(Types.rawClass(type));
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
