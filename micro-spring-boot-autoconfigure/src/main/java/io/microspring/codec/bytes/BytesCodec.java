package io.microspring.codec.bytes;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;

import io.microspring.codec.Codec;
import io.microspring.codec.CodecException;
import io.microspring.codec.Envelope;

/** {@code application/octet-stream}: raw bytes, for handlers that take and return {@code byte[]}. */
public final class BytesCodec implements Codec {

    /** This codec's content type. */
    public static final String CONTENT_TYPE = "application/octet-stream";

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] encode(Envelope envelope, Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        throw new CodecException("application/octet-stream needs byte[] or ByteBuffer, got " + body.getClass().getName());
    }

    @Override
    public Decoded decode(byte[] data, Envelope.Kind kind) {
        Envelope envelope = Envelope.bare(kind);
        return Decoded.of(envelope, type -> read(data, type));
    }

    private static Object read(byte[] data, Type type) {
        if (type == byte[].class || type == Object.class) {
            return data;
        }
        if (type == ByteBuffer.class) {
            return ByteBuffer.wrap(data).asReadOnlyBuffer();
        }
        if (type == Void.class || type == void.class) {
            return null;
        }
        throw new CodecException("application/octet-stream reads into byte[] or ByteBuffer, not " + type.getTypeName());
    }
}
