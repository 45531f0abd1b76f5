package io.microspring.toolkit.command;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.microspring.broker.BrokerException;
import io.microspring.client.CallOptions;
import io.microspring.codec.json.JsonCodec;
import io.microspring.errors.MicroException;

/** {@code publish TOPIC JSON}: publishes a JSON message through the configured broker. */
public record Publish(String topic, String message) implements Command {

    @Override
    public Result run(Toolkit toolkit) {
        if (topic == null || topic.isBlank()) {
            throw MicroException.badRequest(ID, "publish needs a topic: publish TOPIC JSON");
        }
        if (message == null || message.isBlank()) {
            throw MicroException.badRequest(ID, "publish needs a JSON message: publish %s '{\"key\":\"value\"}'",
                    topic);
        }
        Json.check(message, "the message");
        try {
            toolkit.publisher().publish(topic, message.getBytes(StandardCharsets.UTF_8),
                    CallOptions.builder().contentType(JsonCodec.CONTENT_TYPE).build()).block();
        } catch (BrokerException e) {
            throw MicroException.serviceUnavailable(ID, "cannot publish to topic %s: %s", topic, e.getMessage());
        }
        return new Published(topic);
    }

    /** The topic a message was handed to. */
    public record Published(String topic) implements Result {

        @Override
        public String text() {
            return "published to " + topic + "\n";
        }

        @Override
        public String json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("topic", topic);
            json.put("published", true);
            return Json.write(json) + "\n";
        }
    }
}
