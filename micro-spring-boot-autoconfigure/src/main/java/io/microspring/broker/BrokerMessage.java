package io.microspring.broker;

import java.util.Objects;

import io.microspring.metadata.Metadata;

/**
 * A message as brokers carry it: string headers and a body of bytes. The headers hold go-micro's
 * {@value #TOPIC_HEADER}, {@value #ID_HEADER} and {@value #CONTENT_TYPE_HEADER} next to the
 * publisher's metadata. The body array is shared, not copied.
 */
public record BrokerMessage(Metadata headers, byte[] body) {

    /** The topic the message was published to. */
    public static final String TOPIC_HEADER = "Micro-Topic";

    /** The message id; spelled as go-micro's publisher writes it (headers are read in any case). */
    public static final String ID_HEADER = "Micro-ID";

    /** How the body is encoded, for example {@code application/json}. */
    public static final String CONTENT_TYPE_HEADER = "Content-Type";

    public BrokerMessage {
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    /** The message id, or {@code ""} when the publisher set none. */
    public String id() {
        return headers.get(ID_HEADER).orElse("");
    }

    /** The topic header, or {@code ""} when there is none. */
    public String topic() {
        return headers.get(TOPIC_HEADER).orElse("");
    }

    /** This message with {@code key} set to {@code value}. */
    public BrokerMessage withHeader(String key, String value) {
        return new BrokerMessage(headers.with(key, value), body);
    }
}
