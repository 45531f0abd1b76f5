package io.microspring.registry.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.microspring.registry.Endpoint;
import io.microspring.registry.Value;

class ConsulTagsTest {

    // written by go-micro v5.30.0's registry/consul encoding (Go's zlib, a sync flush before the end)
    static final String GO_ENDPOINT_TAG = "e-789c8ccd410ac2301085e1bbbc75f10039816b5d8a8b019f4598a43533114ac9ddc552835817ae"
            + "023f2ff3cdc8bc179a23cc481289803d5587c39a3bf834fea80fd1424338b56fcbd3e6e6f996fa8f612aaaf55c3b64da3824e3565cfb3"
            + "7d9f2d68cd6ff4346ba5cc4e5459a674a44c055d488dabd6f1d65da2d22ea330000ffff06975f03";
    static final String GO_METADATA_TAG = "t-789caa562a28ca2fc94fcecf51b252ca2d4d2e50aa05040000ffff46a906e2";
    static final String GO_VERSION_TAG = "v-789c32d433d03300040000ffff02ce00ee";

    static final Endpoint HELLO = new Endpoint("Say.Hello",
            new Value("HelloRequest", "HelloRequest", List.of(new Value("name", "string", null))),
            new Value("HelloResponse", "HelloResponse", List.of(new Value("msg", "string", null))),
            Map.of("stream", "false"));

    @Test
    void whenTagsComeFromGoMicroThenMetadataEndpointsAndVersionAreRead() {
        ConsulTags.Decoded decoded = ConsulTags.decode(
                List.of("unrelated", GO_METADATA_TAG, GO_ENDPOINT_TAG, GO_VERSION_TAG));

        assertThat(decoded.metadata()).isEqualTo(Map.of("protocol", "mucp"));
        assertThat(decoded.endpoints()).containsExactly(HELLO);
        assertThat(decoded.version()).isEqualTo("1.0.0");
    }

    @Test
    void whenTagsAreEncodedThenTheyHaveGoMicrosPrefixesAndReadBack() {
        List<String> tags = ConsulTags.encode(Map.of("registry", "consul", "protocol", "mucp"), List.of(HELLO), "2.1");

        assertThat(tags).hasSize(4);
        assertThat(tags.get(0)).startsWith("t-789c");
        assertThat(tags.get(2)).startsWith("e-789c");
        assertThat(tags.get(3)).startsWith("v-789c");
        ConsulTags.Decoded decoded = ConsulTags.decode(tags);
        assertThat(decoded.metadata()).isEqualTo(Map.of("registry", "consul", "protocol", "mucp"));
        assertThat(decoded.endpoints()).containsExactly(HELLO);
        assertThat(decoded.version()).isEqualTo("2.1");
    }

    @Test
    void whenTagsArePlainOldFormThenTheyAreReadToo() {
        ConsulTags.Decoded decoded = ConsulTags.decode(List.of("t={\"zone\":\"a\"}", "v=3.0"));

        assertThat(decoded.metadata()).isEqualTo(Map.of("zone", "a"));
        assertThat(decoded.version()).isEqualTo("3.0");
    }

    @Test
    void whenThereIsNoMetadataTagThenMetadataIsAbsentRatherThanEmpty() {
        assertThat(ConsulTags.decode(List.of("primary")).metadata()).isNull();
    }

    @Test
    void whenAGoMicroTagIsCorruptThenTheErrorNamesIt() {
        assertThatThrownBy(() -> ConsulTags.decode(List.of("e-zz12")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag e-zz12");
        assertThatThrownBy(() -> ConsulTags.decode(List.of("e-0102")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not zlib");
        assertThatThrownBy(() -> ConsulTags.decode(List.of("e={not json")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
