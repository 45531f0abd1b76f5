package io.microspring.codec.json;

import io.microspring.codec.Codec;
import io.microspring.codec.Envelope;

/** {@code application/json}: the bare JSON body, as go-micro's json codec writes it. */
public final class JsonCodec implements Codec {

    /** This codec's content type. */
    public static final String CONTENT_TYPE = "application/json";

    private final JsonMarshaller marshaller;

    /** With go-micro compatible JSON settings. */
    public JsonCodec() {
        this(new JsonMarshaller());
    }

    /** With the given marshaller, for example one using the application's Jackson mapper. */
    public JsonCodec(JsonMarshaller marshaller) {
        this.marshaller = marshaller;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] encode(Envelope envelope, Object body) {
        return marshaller.write(body);
    }

    @Override
    public Decoded decode(byte[] data, Envelope.Kind kind) {
        Envelope envelope = Envelope.bare(kind);
        return Decoded.of(envelope, type -> marshaller.read(data, type));
    }

    /** The marshaller, shared with the JSON-RPC codec and the broker. */
    public JsonMarshaller marshaller() {
        return marshaller;
    }
}
