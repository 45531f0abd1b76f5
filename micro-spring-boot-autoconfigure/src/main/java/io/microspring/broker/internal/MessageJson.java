package io.microspring.broker.internal;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import io.microspring.broker.BrokerMessage;
import io.microspring.metadata.Metadata;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * go-micro's JSON form of a broker message, {@code {"Header":{...},"Body":"<base64>"}}: what the
 * http broker posts and the nats broker publishes. Field names are read in any letter case and a
 * {@code null} header map or body reads as empty, as Go's {@code encoding/json} does.
 */
public final class MessageJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private MessageJson() {
    }

    /** The JSON of a message with {@code headers} and {@code body}. */
    public static byte[] write(Metadata headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + body.length * 4 / 3 + headers.asMap().size() * 48);
        try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeName("Header");
            json.writeStartObject();
            for (Map.Entry<String, String> header : headers.asMap().entrySet()) {
                json.writeStringProperty(header.getKey(), header.getValue());
            }
            json.writeEndObject();
            json.writeName("Body");
            json.writeBinary(body);
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** The message in {@code json}; malformed input fails with {@link IllegalArgumentException} saying why. */
    public static BrokerMessage read(byte[] json) {
        Metadata.Builder headers = Metadata.builder();
        byte[] body = new byte[0];
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "a JSON object");
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                if (name.equalsIgnoreCase("Header") && value != JsonToken.VALUE_NULL) {
                    expect(value, JsonToken.START_OBJECT, "Header to be an object");
                    for (String key = parser.nextName(); key != null; key = parser.nextName()) {
                        JsonToken header = parser.nextToken();
                        headers.put(key, header == JsonToken.VALUE_NULL ? "" : textOf(parser, header, key));
                    }
                } else if (name.equalsIgnoreCase("Body") && value != JsonToken.VALUE_NULL) {
                    expect(value, JsonToken.VALUE_STRING, "Body to be a base64 string");
                    body = parser.getBinaryValue();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("malformed broker message JSON: " + e.getOriginalMessage(), e);
        }
        return new BrokerMessage(headers.build(), body);
    }

    private static String textOf(JsonParser parser, JsonToken token, String key) {
        expect(token, JsonToken.VALUE_STRING, "header " + key + " to be a string");
        return parser.getString();
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException("malformed broker message JSON: expected " + what + ", found " + actual);
        }
    }
}
