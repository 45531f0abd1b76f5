package io.microspring.codec.proto;

import java.lang.reflect.Type;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import io.microspring.codec.Codec;
import io.microspring.codec.CodecException;
import io.microspring.codec.Envelope;

/** {@code application/protobuf}: the bare protobuf binary body, for generated message types. */
public final class ProtobufCodec implements Codec {

    /** This codec's content type. */
    public static final String CONTENT_TYPE = "application/protobuf";

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] encode(Envelope envelope, Object body) {
        return toBytes(body);
    }

    @Override
    public Decoded decode(byte[] data, Envelope.Kind kind) {
        Envelope envelope = Envelope.bare(kind);
        return Decoded.of(envelope, type -> fromBytes(data, type));
    }

    static byte[] toBytes(Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof Message message) {
            return message.toByteArray();
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        throw new CodecException("application/protobuf needs a protobuf message, got " + body.getClass().getName()
                + "; use application/json for other types");
    }

    static Object fromBytes(byte[] data, Type type) {
        if (type == byte[].class) {
            return data;
        }
        if (type == Void.class || type == void.class) {
            return null;
        }
        if (!ProtoTypes.isMessage(type)) {
            throw new CodecException("application/protobuf needs a protobuf message type, got " + type.getTypeName()
                    + "; use application/json for other types");
        }
        Message prototype = ProtoTypes.defaultInstance(type);
        try {
            return prototype.getParserForType().parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new CodecException("invalid protobuf for " + prototype.getDescriptorForType().getFullName() + ": "
                    + e.getMessage(), e);
        }
    }
}
