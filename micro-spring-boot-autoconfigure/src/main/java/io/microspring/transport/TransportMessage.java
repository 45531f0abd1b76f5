package io.microspring.transport;

import io.microspring.metadata.Metadata;

/** One message on the wire: headers, read case-insensitively, and the bare codec body. */
public record TransportMessage(Metadata headers, byte[] body) {

    private static final byte[] EMPTY = new byte[0];

    public TransportMessage {
        headers = headers == null ? Metadata.empty() : headers;
        body = body == null ? EMPTY : body;
    }
}
