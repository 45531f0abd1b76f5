package io.microspring.codec.proto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

import io.microspring.codec.Codec;
import io.microspring.codec.CodecException;
import io.microspring.codec.Envelope;

/**
 * {@code application/proto-rpc}: two netstrings (a 4-byte big-endian length, then the bytes), the
 * first a protobuf envelope {@code Request{service_method=1, seq=2 (fixed64)}} or
 * {@code Response{service_method=1, seq=2, error=3}}, the second the protobuf body, as go-micro's
 * protorpc codec frames them.
 */
public final class ProtoRpcCodec implements Codec {

    /** This codec's content type. */
    public static final String CONTENT_TYPE = "application/proto-rpc";

    private static final int SERVICE_METHOD = 1;
    private static final int SEQ = 2;
    private static final int ERROR = 3;

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] encode(Envelope envelope, Object body) {
        byte[] header = header(envelope);
        byte[] payload = ProtobufCodec.toBytes(body);
        return ByteBuffer.allocate(8 + header.length + payload.length).order(ByteOrder.BIG_ENDIAN)
                .putInt(header.length).put(header)
                .putInt(payload.length).put(payload)
                .array();
    }

    @Override
    public Decoded decode(byte[] data, Envelope.Kind kind) {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
        Envelope envelope = readHeader(netstring(buffer), kind);
        byte[] payload = buffer.hasRemaining() ? netstring(buffer) : new byte[0];
        return Decoded.of(envelope, type -> ProtobufCodec.fromBytes(payload, type));
    }

    private static byte[] header(Envelope envelope) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeString(SERVICE_METHOD, envelope.endpoint());
            out.writeFixed64(SEQ, parseSeq(envelope.id()));
            if (envelope.kind() == Envelope.Kind.RESPONSE) {
                out.writeString(ERROR, envelope.error());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new CodecException("cannot write proto-rpc envelope", e);
        }
    }

    private static Envelope readHeader(byte[] header, Envelope.Kind kind) {
        String method = "";
        long seq = 0;
        String error = "";
        try {
            CodedInputStream in = CodedInputStream.newInstance(header);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case SERVICE_METHOD -> method = in.readString();
                    case SEQ -> seq = in.readFixed64();
                    case ERROR -> error = in.readString();
                    default -> in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new CodecException("malformed proto-rpc envelope: " + e.getMessage(), e);
        }
        return new Envelope(kind, Long.toUnsignedString(seq), method, error);
    }

    private static byte[] netstring(ByteBuffer buffer) {
        if (buffer.remaining() < 4) {
            throw new CodecException("malformed proto-rpc frame: missing length");
        }
        long length = Integer.toUnsignedLong(buffer.getInt());
        if (length > buffer.remaining()) {
            throw new CodecException("malformed proto-rpc frame: length " + length + " exceeds the "
                    + buffer.remaining() + " bytes left");
        }
        byte[] bytes = new byte[(int) length];
        buffer.get(bytes);
        return bytes;
    }

    private static long parseSeq(String id) {
        try {
            return id.isEmpty() ? 0 : Long.parseUnsignedLong(id);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
