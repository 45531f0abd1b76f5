package io.microspring.codec;

import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.microspring.codec.json.JsonRpcCodec;
import io.microspring.codec.proto.ProtoRpcCodec;
import io.microspring.errors.MicroException;
import io.microspring.test.proto.HelloRequest;
import io.microspring.testing.FuzzingGuard;

/**
 * Fuzzes the framing of the RPC codecs as server and client read a frame: the envelope, the error
 * a response carries, and the body as the endpoint's type. The first byte of an input picks the
 * codec (bit 0: JSON-RPC or proto-RPC), the kind (bit 1: request or response) and the body's type
 * (bits 2-3); the frame is the rest. A frame may only be refused with a {@link CodecException};
 * any other exception fails. Inputs: {@code RpcCodecFuzzTestInputs}.
 */
class RpcCodecFuzzTest {

    @RegisterExtension
    static final FuzzingGuard GUARD = new FuzzingGuard();

    private static final Codecs CODECS = Codecs.standard();
    private static final List<Codec> RPC_CODECS = List.of(CODECS.get(JsonRpcCodec.CONTENT_TYPE),
            CODECS.get(ProtoRpcCodec.CONTENT_TYPE));
    private static final List<Type> JSON_TYPES = List.of(String.class, HelloRequest.class, byte[].class, Map.class);
    private static final List<Type> PROTO_TYPES = List.of(HelloRequest.class, byte[].class);

    @FuzzTest(maxDuration = "4s")
    void frameFromTheWire(byte[] input) {
        GUARD.ran();
        if (input.length == 0) {
            return;
        }
        int choice = input[0] & 0xFF;
        Codec codec = RPC_CODECS.get(choice & 1);
        Envelope.Kind kind = (choice & 2) == 0 ? Envelope.Kind.REQUEST : Envelope.Kind.RESPONSE;
        List<Type> types = codec.contentType().equals(JsonRpcCodec.CONTENT_TYPE) ? JSON_TYPES : PROTO_TYPES;
        Type type = types.get((choice >> 2) % types.size());
        try {
            Codec.Decoded decoded = codec.decode(Arrays.copyOfRange(input, 1, input.length), kind);
            if (!decoded.envelope().error().isEmpty()) {
                MicroException.parse(decoded.envelope().error());
            }
            decoded.body(type);
        } catch (CodecException refused) {
            // the documented refusal of a frame that cannot be read
        }
    }
}
