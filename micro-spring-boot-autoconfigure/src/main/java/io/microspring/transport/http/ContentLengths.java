package io.microspring.transport.http;

import io.netty.util.AsciiString;

/**
 * {@code Content-Length} values as Netty's byte strings, each made once for the common sizes: the
 * length of a unary request or answer is then neither turned into a new {@code String} per message
 * nor encoded character by character when the headers are written.
 */
final class ContentLengths {

    /** Lengths below this are kept once made; RPC requests and answers are mostly this small. */
    private static final int KEPT = 4096;
    /** Filled as lengths are met; two threads making the same value at once both make an equal one. */
    private static final AsciiString[] VALUES = new AsciiString[KEPT];

    private ContentLengths() {
    }

    /** {@code length} in decimal, as a header value. */
    static CharSequence of(int length) {
        if (length < 0 || length >= KEPT) {
            return Integer.toString(length);
        }
        AsciiString value = VALUES[length];
        if (value == null) {
            value = AsciiString.of(Integer.toString(length));
            VALUES[length] = value;
        }
        return value;
    }
}
