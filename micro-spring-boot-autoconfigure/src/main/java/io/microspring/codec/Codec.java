package io.microspring.codec;

import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * Turns a message into bytes for one content type and back, as go-micro's codecs do. Plain codecs
 * ({@code application/json}, {@code application/protobuf}, {@code application/octet-stream}) write
 * the bare body; RPC codecs ({@code application/json-rpc}, {@code application/proto-rpc}) wrap it
 * in an envelope carrying the endpoint, a sequence id and, on responses, the error.
 *
 * <p>Implementations are thread-safe and throw {@link CodecException} for input they cannot read.
 */
public interface Codec {

    /** The content type this codec reads and writes, for example {@code application/json}. */
    String contentType();

    /** Writes {@code body} (which may be {@code null} for an empty body) within {@code envelope}. */
    byte[] encode(Envelope envelope, Object body);

    /** Reads the envelope of {@code data}; the body is read once its type is known. */
    Decoded decode(byte[] data, Envelope.Kind kind);

    /** A message read from the wire, its body still raw. */
    interface Decoded {

        /** The envelope; for plain codecs it holds only the kind. */
        Envelope envelope();

        /** The body as {@code type}: a protobuf message, a Java bean, a record, {@code byte[]} ... */
        Object body(Type type);

        /** A decoded message whose body is read by {@code reader} once its type is known. */
        static Decoded of(Envelope envelope, Function<Type, Object> reader) {
            return new Decoded() {
                @Override
                public Envelope envelope() {
                    return envelope;
                }

                @Override
                public Object body(Type type) {
                    return reader.apply(type);
                }
            };
        }
    }
}
