package io.microspring.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.microspring.test.proto.HelloRequest;
import io.microspring.test.proto.HelloResponse;

/** The five codecs on the bytes go-micro's codecs write and read. */
class CodecsTest {

    /** A plain Java message. */
    record Greeting(String name, int times, List<String> tags) {
    }

    private final Codecs codecs = Codecs.standard();

    @Test
    void contentTypesAreLookedUpWithoutParametersAndDefaultToProtobuf() {
        assertThat(codecs.get("application/json; charset=utf-8").contentType()).isEqualTo("application/json");
        assertThat(codecs.get("Application/JSON").contentType()).isEqualTo("application/json");
        assertThat(codecs.find("").orElseThrow().contentType()).isEqualTo("application/protobuf");
        assertThat(codecs.find("text/csv")).isEmpty();
        assertThatThrownBy(() -> codecs.get("text/csv")).isInstanceOf(CodecException.class)
                .hasMessageContaining("application/json-rpc").hasMessageContaining("application/proto-rpc");
    }

    @Test
    void protobufAliasesFindTheProtobufCodec() {
        assertThat(codecs.get("application/proto").contentType()).isEqualTo("application/protobuf");
        assertThat(codecs.get("Application/X-Protobuf; messageType=x.Y").contentType())
                .isEqualTo("application/protobuf");
        assertThat(Codecs.normalize(" Application/X-Protobuf ; charset=utf-8")).isEqualTo("application/protobuf");
        assertThat(Codecs.normalize("Application/JSON;charset=utf-8")).isEqualTo("application/json");
    }

    @Test
    void jsonReadsProtobufMessagesByCamelCaseOrOriginalFieldNames() {
        Codec json = codecs.get("application/json");
        for (String body : new String[] {"{\"firstName\":\"Jo\"}", "{\"first_name\":\"Jo\"}"}) {
            HelloRequest request = (HelloRequest) read(json, body, HelloRequest.class);
            assertThat(request.getFirstName()).as(body).isEqualTo("Jo");
        }
        String written = new String(json.encode(Envelope.message(), HelloRequest.newBuilder().setFirstName("Jo")
                .setTimes(2).build()), StandardCharsets.UTF_8);
        assertThat(written).isEqualTo("{\"times\":2,\"firstName\":\"Jo\"}");
    }

    @Test
    void jsonReadsJavaTypesLikeGoDoesIgnoringCaseAndUnknownFields() {
        Greeting greeting = (Greeting) read(codecs.get("application/json"),
                "{\"Name\":\"John\",\"times\":3,\"tags\":[\"a\"],\"unknown\":true}", Greeting.class);
        assertThat(greeting).isEqualTo(new Greeting("John", 3, List.of("a")));
        assertThat(read(codecs.get("application/json"), "{\"name\":\"Jo\",\"times\":null}", Greeting.class))
                .as("null into a number is its zero value").isEqualTo(new Greeting("Jo", 0, null));
        assertThatThrownBy(() -> read(codecs.get("application/json"), "{\"name\":", Greeting.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("invalid JSON");
    }

    @Test
    void jsonRpcFramesRequestsAndResponsesAsGoMicroDoes() {
        Codec jsonRpc = codecs.get("application/json-rpc");
        byte[] request = jsonRpc.encode(Envelope.request("7", "Say.Hello"), new Greeting("John", 1, List.of()));
        assertThat(new String(request, StandardCharsets.UTF_8))
                .isEqualTo("{\"method\":\"Say.Hello\",\"params\":[{\"name\":\"John\",\"times\":1,\"tags\":[]}],\"id\":7}");

        Codec.Decoded decoded = jsonRpc.decode(
                "{\"method\":\"Say.Hello\",\"params\":[{\"name\":\"Jane\"}],\"id\":9}".getBytes(StandardCharsets.UTF_8),
                Envelope.Kind.REQUEST);
        assertThat(decoded.envelope().endpoint()).isEqualTo("Say.Hello");
        assertThat(decoded.envelope().id()).isEqualTo("9");
        assertThat(((HelloRequest) decoded.body(HelloRequest.class)).getName()).isEqualTo("Jane");

        byte[] response = jsonRpc.encode(Envelope.responseTo(decoded.envelope(), ""),
                HelloResponse.newBuilder().setMsg("Hello Jane").build());
        assertThat(new String(response, StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"9\",\"result\":{\"msg\":\"Hello Jane\"},\"error\":null}");
        Codec.Decoded error = jsonRpc.decode("{\"id\":\"9\",\"result\":null,\"error\":\"boom\"}"
                .getBytes(StandardCharsets.UTF_8), Envelope.Kind.RESPONSE);
        assertThat(error.envelope().error()).isEqualTo("boom");
    }

    @Test
    void protoRpcWritesTwoBigEndianNetstringsWithTheEnvelopeFirst() {
        Codec protoRpc = codecs.get("application/proto-rpc");
        HelloRequest hello = HelloRequest.newBuilder().setName("John").build();
        byte[] framed = protoRpc.encode(Envelope.request("5", "Say.Hello"), hello);

        ByteBuffer buffer = ByteBuffer.wrap(framed);
        byte[] header = new byte[buffer.getInt()];
        buffer.get(header);
        // Request{service_method = "Say.Hello" (field 1), seq = 5 (field 2, fixed64)}
        ByteBuffer expected = ByteBuffer.allocate(2 + 9 + 1 + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0x0a).put((byte) 9).put("Say.Hello".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 0x11).putLong(5);
        assertThat(header).isEqualTo(expected.array());
        byte[] body = new byte[buffer.getInt()];
        buffer.get(body);
        assertThat(body).isEqualTo(hello.toByteArray());
        assertThat(buffer.hasRemaining()).isFalse();

        Codec.Decoded decoded = protoRpc.decode(framed, Envelope.Kind.REQUEST);
        assertThat(decoded.envelope().endpoint()).isEqualTo("Say.Hello");
        assertThat(decoded.envelope().id()).isEqualTo("5");
        assertThat(decoded.body(HelloRequest.class)).isEqualTo(hello);

        Codec.Decoded response = protoRpc.decode(protoRpc.encode(Envelope.responseTo(decoded.envelope(), "bad"), null),
                Envelope.Kind.RESPONSE);
        assertThat(response.envelope().error()).isEqualTo("bad");
        assertThatThrownBy(() -> protoRpc.decode(new byte[] {0, 0, 0, 9, 1}, Envelope.Kind.REQUEST))
                .isInstanceOf(CodecException.class).hasMessageContaining("exceeds");
    }

    @Test
    void protobufNeedsMessageTypesAndBytesPassRawBytes() {
        Codec protobuf = codecs.get("application/protobuf");
        assertThatThrownBy(() -> protobuf.encode(Envelope.message(), new Greeting("x", 0, List.of())))
                .isInstanceOf(CodecException.class).hasMessageContaining("use application/json");
        Codec bytes = codecs.get("application/octet-stream");
        byte[] raw = {1, 2, 3};
        assertThat(bytes.encode(Envelope.message(), raw)).isEqualTo(raw);
        assertThat(bytes.decode(raw, Envelope.Kind.REQUEST).body(byte[].class)).isEqualTo(raw);
    }

    private static Object read(Codec codec, String body, Class<?> type) {
        return codec.decode(body.getBytes(StandardCharsets.UTF_8), Envelope.Kind.REQUEST).body(type);
    }
}
