package io.microspring.toolkit.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.microspring.errors.MicroException;
import tools.jackson.databind.json.JsonMapper;

/** The streaming half of the commands' JSON: a call's request checked, its response indented. */
class JsonTest {

    @Test
    void aResponseIsIndentedAsJacksonsMapperIndentsIt() {
        String response = "{\"msg\":\"Hello John\",\"n\":[1,2.5,true,null],\"nested\":{\"é\":\"\\\"x\\\"\"}}\n";

        assertThat(Json.pretty(bytes(response))).isEqualTo(JsonMapper.shared().writerWithDefaultPrettyPrinter()
                .writeValueAsString(JsonMapper.shared().readTree(response)));
    }

    @Test
    void aResponseThatIsNotOneJsonValueIsShownAsItCame() {
        assertThat(Json.pretty(bytes("plain text"))).isEqualTo("plain text");
        assertThat(Json.pretty(bytes("{\"a\":1} {\"b\":2}"))).isEqualTo("{\"a\":1} {\"b\":2}");
        assertThat(Json.pretty(bytes("{\"a\":"))).isEqualTo("{\"a\":");
        assertThat(Json.pretty(new byte[0])).isEmpty();
    }

    @Test
    void aRequestMustBeOneJsonValue() {
        Json.check("{\"name\": \"John\"}", "the request");
        Json.check(" [1, {\"a\": null}] ", "the request");
        assertThatThrownBy(() -> Json.check("{name", "the request"))
                .isInstanceOfSatisfying(MicroException.class, error -> {
                    assertThat(error.code()).isEqualTo(400);
                    assertThat(error.detail()).startsWith("the request is not valid JSON: ");
                });
        assertThatThrownBy(() -> Json.check("{} {}", "the message"))
                .hasMessageContaining("the message is not valid JSON: more follows its value");
        assertThatThrownBy(() -> Json.check("  ", "the message"))
                .hasMessageContaining("the message is not valid JSON: it is empty");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
