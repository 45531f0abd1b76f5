package io.microspring.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.junit.jupiter.api.Test;

import io.microspring.registry.Endpoint;
import io.microspring.registry.Value;

class MdnsTxtTest {

    /**
     * Printed by go-micro v5.30.0's own {@code registry.encode} (reached through go:linkname from a
     * throwaway Go program) for {@link #greeter()}.
     */
    static final List<String> GO_TXT = List.of(
            "789cd491314bc4401085ffcbab977082586c2fd8d878602357acb9312e6e76e2cc24701cf9efb2b97884e40a5babc0c7bc7993"
                    + "6fcf78260bc76001fe8c77e12f12787c9a7570e8848d6b4ef068fbba10a126aac9a99063563828c9b0cc9884ac1d8bfd"
                    + "a2d1614f32c49ae0d170d5c65ab85219aa46888c040eaf241a39c3e3a",
            "eda553b383ce663c7319bc2bf9d21f4dd935ab93187b62c7aa294f865c60e76ea6ed021a49e2e1be6d8f4b98eab49cccd6230f"
                    + "7298d87b1fca7769c95b68d335f575ef1b6b3d5e62f95ede221d484420b8f8f90948ac279d73e9caaa911a3bba5653f0"
                    + "5375ed6787b64cd7d5e0462b687fbf595eedf6a34e9d7162f4a301ec6",
            "9f000000ffff4c110664");

    /**
     * What {@link MdnsTxt#encode()} wrote for {@link #greeter()} before it wrote endpoint fields in
     * Go's order; go-micro's {@code registry.decode} read it back.
     */
    static final List<String> JAVA_TXT = List.of(
            "789cd591416b84301085ffcb9c256ca1f4e0bdd04b2f157a291e529dda5093b1935110c97fefc4dd2eeebad0734fca376ff25"
                    + "e5e167846b1ad150be502ef4c5fc850c2a7c800050c4c420df54afcd864c2d8b9283c67d286a824224fdb1d611be2402c"
                    + "bf281550a9c635a8a423e35dc364224fa66344d1dd025e91a3a3a0823",
            "b733007258fa11dc8058950be2d10accfdb959dcd13f63dad49be478c92639fa6ebe4e58435c83cdca093edf56f7be8fa39cb"
                    + "f5722e745b619dea94edf45221e2deefc4af0dcf78efe863f7b7a1dfbc8b6ad07a157fd85ecf4ca9b8a8a43a8e6f75721"
                    + "ced4ab9c6fb8c0d8d61b3a02ff1707f19b2f8970d0a8fb9c03afd005c",
            "440155");

    /** The service of the golden values. */
    static MdnsTxt greeter() {
        Value helloResponse = new Value("HelloResponse", "HelloResponse", List.of(new Value("msg", "string", null)));
        return new MdnsTxt(
                Map.of("protocol", "mucp", "registry", "mdns", "server", "http", "transport", "http", "broker", "http"),
                "go.micro.srv.greeter", "1.0.0",
                List.of(new Endpoint("Say.Hello",
                                new Value("HelloRequest", "HelloRequest", List.of(new Value("name", "string", null))),
                                helloResponse, Map.of("stream", "false")),
                        new Endpoint("Say.Stream", new Value("StreamRequest", "StreamRequest",
                                List.of(new Value("count", "int64", null), new Value("name", "string", null))),
                                helloResponse, Map.of("stream", "true"))));
    }

    @Test
    void readsWhatGoMicroWrites() {
        assertThat(GO_TXT).extracting(String::length).containsExactly(255, 255, 20);

        assertThat(MdnsTxt.decode(GO_TXT)).isEqualTo(greeter());
    }

    @Test
    void writesTheJsonGoMicroWrites() {
        assertThat(MdnsTxt.decode(JAVA_TXT)).isEqualTo(greeter());
        // zlib's bytes may differ between zlib versions; the JSON inside may not, but that Go writes no values as null
        assertThat(inflate(greeter().encode())).isEqualTo(inflate(GO_TXT).replace("\"values\":null", "\"values\":[]"));
    }

    @Test
    void writesCapitalisedTopLevelKeysAndGoMicroTagsInside() {
        String json = inflate(greeter().encode());

        assertThat(json).startsWith("{\"Metadata\":{\"broker\":\"http\",\"protocol\":\"mucp\"")
                .contains("\"Service\":\"go.micro.srv.greeter\"", "\"Version\":\"1.0.0\"", "\"Endpoints\":[{",
                        "\"name\":\"Say.Hello\"", "\"request\":{\"name\":\"HelloRequest\"", "\"metadata\":{\"stream\"");
    }

    @Test
    void cutsTheHexIntoStringsOf255Characters() {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            metadata.put("key-" + i, Integer.toHexString(i * 7919 * 104729));
        }
        MdnsTxt big = new MdnsTxt(metadata, "svc", "v1", List.of());

        List<String> strings = big.encode();

        assertThat(strings).hasSizeGreaterThan(3);
        assertThat(strings.subList(0, strings.size() - 1)).allSatisfy(s -> assertThat(s).hasSize(255));
        assertThat(strings.get(strings.size() - 1).length()).isBetween(1, 255);
        assertThat(String.join("", strings)).matches("[0-9a-f]+");
        assertThat(MdnsTxt.decode(strings)).isEqualTo(big);
    }

    @Test
    void readsKeysInAnyCaseAndIgnoresUnknownOnesLikeGo() {
        MdnsTxt txt = MdnsTxt.decode(List.of(deflate(
                "{\"service\":\"svc\",\"VERSION\":\"1\",\"metadata\":{\"a\":\"b\"},\"Extra\":[1],\"Endpoints\":null}")));

        assertThat(txt).isEqualTo(new MdnsTxt(Map.of("a", "b"), "svc", "1", List.of()));
    }

    @Test
    void readsGoNullsAsEmpty() {
        MdnsTxt txt = MdnsTxt.decode(List.of(deflate("{\"Metadata\":null,\"Service\":\"svc\",\"Version\":\"\","
                + "\"Endpoints\":[{\"name\":\"A.B\",\"request\":null,\"response\":{\"name\":\"R\",\"type\":\"R\","
                + "\"values\":null},\"metadata\":null}]}")));

        assertThat(txt.metadata()).isEmpty();
        assertThat(txt.endpoints()).containsExactly(new Endpoint("A.B", null, new Value("R", "R", List.of()), null));
    }

    @Test
    void refusesWhatIsNotGoMicrosEncoding() {
        assertThatThrownBy(() -> MdnsTxt.decode(List.of("not hex"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MdnsTxt.decode(List.of("abc"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MdnsTxt.decode(List.of("00112233"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zlib");
        assertThatThrownBy(() -> MdnsTxt.decode(List.of(GO_TXT.get(0)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MdnsTxt.decode(List.of(deflate("[1,2]"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
        assertThatThrownBy(() -> MdnsTxt.decode(List.of(deflate("null"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MdnsTxt.decode(List.of(deflate("{\"Service\":"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static String deflate(String json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(bytes)) {
            zlib.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static String inflate(List<String> strings) {
        byte[] compressed = HexFormat.of().parseHex(String.join("", strings));
        try (InflaterInputStream zlib = new InflaterInputStream(new ByteArrayInputStream(compressed))) {
            return new String(zlib.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
