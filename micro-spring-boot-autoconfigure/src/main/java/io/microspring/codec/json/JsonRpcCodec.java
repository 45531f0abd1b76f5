package io.microspring.codec.json;

import io.microspring.codec.Codec;
import io.microspring.codec.CodecException;
import io.microspring.codec.Envelope;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code application/json-rpc}: requests as {@code {"method","params":[body],"id"}}, responses as
 * {@code {"id","result","error"}}, the framing of go-micro's jsonrpc codec.
 */
public final class JsonRpcCodec implements Codec {

    /** This codec's content type. */
    public static final String CONTENT_TYPE = "application/json-rpc";

    private final JsonMarshaller marshaller;

    /** Sharing the marshaller of {@code json}. */
    public JsonRpcCodec(JsonCodec json) {
        this.marshaller = json.marshaller();
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] encode(Envelope envelope, Object body) {
        ObjectNode frame = marshaller.mapper().createObjectNode();
        if (envelope.kind() == Envelope.Kind.REQUEST) {
            frame.put("method", envelope.endpoint());
            frame.putArray("params").add(marshaller.toTree(body));
            frame.put("id", parseId(envelope.id()));
        } else {
            frame.put("id", envelope.id());
            frame.set("result", marshaller.toTree(body));
            if (envelope.error().isEmpty()) {
                frame.putNull("error");
            } else {
                frame.put("error", envelope.error());
            }
        }
        return marshaller.mapper().writeValueAsBytes(frame);
    }

    @Override
    public Decoded decode(byte[] data, Envelope.Kind kind) {
        JsonNode frame = marshaller.readTree(data);
        if (!frame.isObject()) {
            throw new CodecException("malformed JSON-RPC frame: expected an object");
        }
        String id = frame.path("id").isValueNode() ? frame.path("id").asString("") : "";
        JsonNode body;
        Envelope envelope;
        if (kind == Envelope.Kind.REQUEST) {
            body = frame.path("params").path(0);
            envelope = Envelope.request(id, frame.path("method").asString(""));
        } else {
            body = frame.path("result");
            String error = frame.path("error").isString() ? frame.path("error").asString() : "";
            envelope = new Envelope(kind, id, "", error);
        }
        return Decoded.of(envelope, type -> marshaller.read(body, type));
    }

    private static long parseId(String id) {
        try {
            return id.isEmpty() ? 0 : Long.parseLong(id);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
