package io.microspring.gateway.handler;

import java.lang.reflect.Type;

import io.microspring.codec.Codec;
import io.microspring.codec.Envelope;
import io.microspring.codec.json.JsonCodec;

/**
 * {@code application/json} that passes JSON already encoded as {@code byte[]} through untouched in
 * both directions, so the gateway relays bodies between HTTP and RPC without parsing them; every
 * other type is read and written by the standard {@link JsonCodec}.
 */
public final class PassThroughJsonCodec implements Codec {

    private final JsonCodec json;

    /** With a JSON codec of its own for what is not passed through. */
    public PassThroughJsonCodec() {
        this(new JsonCodec());
    }

    /** With {@code json} for what is not passed through. */
    public PassThroughJsonCodec(JsonCodec json) {
        this.json = json;
    }

    @Override
    public String contentType() {
        return JsonCodec.CONTENT_TYPE;
    }

    @Override
    public byte[] encode(Envelope envelope, Object body) {
        return body instanceof byte[] bytes ? bytes : json.encode(envelope, body);
    }

    @Override
    public Decoded decode(byte[] data, Envelope.Kind kind) {
        Decoded decoded = json.decode(data, kind);
        return new Decoded() {
            @Override
            public Envelope envelope() {
                return decoded.envelope();
            }

            @Override
            public Object body(Type type) {
                return type == byte[].class ? data : decoded.body(type);
            }
        };
    }
}
