package io.microspring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.microspring.broker.internal.MessageJson;
import io.microspring.metadata.Metadata;

class MessageJsonTest {

    @Test
    void writesGoMicrosEnvelopeAndReadsItBack() {
        Metadata headers = Metadata.of("Micro-Topic", "events", "Micro-ID", "1", "Content-Type", "application/json");
        byte[] json = MessageJson.write(headers, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"Header\":{\"Content-Type\":\"application/json\","
                + "\"Micro-ID\":\"1\",\"Micro-Topic\":\"events\"},\"Body\":\"eyJhIjoxfQ==\"}");
        BrokerMessage read = MessageJson.read(json);
        assertThat(read.headers()).isEqualTo(headers);
        assertThat(read.body()).isEqualTo("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsFieldsInAnyCaseAndNullsAsEmptyAsGoDoes() {
        BrokerMessage read = MessageJson.read("{\"header\":{\"K\":null},\"body\":null,\"Extra\":[1,{}]}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(read.headers().get("k")).hasValue("");
        assertThat(read.body()).isEmpty();
        assertThat(MessageJson.read("{\"Header\":null}".getBytes(StandardCharsets.UTF_8)).headers().isEmpty()).isTrue();
    }

    @Test
    void escapesAndUnicodeSurviveTheRoundTrip() {
        Metadata headers = Metadata.of("Quote\"d", "back\\slash \"q\" tab\t nl\n bell\u0007", "Unicode", "é€ 😀");
        byte[] json = MessageJson.write(headers, new byte[] {0, -1});

        assertThat(MessageJson.read(json).headers()).isEqualTo(headers);
        assertThat(MessageJson.read(json).body()).containsExactly(0, -1);
    }

    @Test
    void readsGoEscapesAndSkipsUnknownFields() {
        String json = " {\"Unknown\": {\"a\": [1, -2.5e3, true, false, null, \"x\\\"y\"]}, \"Header\": {\"A\": \"\\u003c\\u00e9\\ud83d\\ude00\\/\"},"
                + " \"Body\": \"AQI=\", \"n\": 5} ";

        BrokerMessage read = MessageJson.read(json.getBytes(StandardCharsets.UTF_8));

        assertThat(read.headers().get("A")).hasValue("<é😀/");
        assertThat(read.body()).containsExactly(1, 2);
    }

    @Test
    void malformedInputFailsSayingWhy() {
        assertThatThrownBy(() -> MessageJson.read("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> MessageJson.read("{\"Body\":5}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Body to be a base64 string");
        assertThatThrownBy(() -> MessageJson.read("{\"Header\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed broker message JSON");
    }
}
