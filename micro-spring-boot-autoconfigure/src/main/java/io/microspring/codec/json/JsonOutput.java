package io.microspring.codec.json;

import java.util.Arrays;

/**
 * JSON written straight into a growing UTF-8 byte array, strings escaped as Gson escapes them
 * (and so protobuf's {@code JsonFormat}): quote, backslash and control characters as JSON
 * requires ({@code \b \t \n \f \r} in their short forms, the others as six-character escapes with
 * lower-case hex digits), {@code < > & = '} and U+2028, U+2029 escaped too, an unpaired surrogate
 * written as {@code ?} as Java's UTF-8 encoder writes it. The caller places the commas.
 */
final class JsonOutput {

    private static final byte[] HEX = "0123456789abcdef".getBytes();
    private static final int INITIAL_SIZE = 128;
    /** The largest buffer a thread keeps for its next message; a larger one is left to the collector. */
    private static final int MAX_KEPT_SIZE = 8 * 1024;
    private static final ThreadLocal<JsonOutput> PER_THREAD = ThreadLocal.withInitial(JsonOutput::new);

    private byte[] bytes = new byte[INITIAL_SIZE];
    private int size;

    /**
     * This thread's output, emptied: its buffer is reused from message to message rather than made
     * (and grown) per message. Only for writing one message through to {@link #toByteArray()}.
     */
    static JsonOutput ofThisThread() {
        JsonOutput out = PER_THREAD.get();
        out.size = 0;
        if (out.bytes.length > MAX_KEPT_SIZE) {
            out.bytes = new byte[INITIAL_SIZE];
        }
        return out;
    }

    JsonOutput raw(char ascii) {
        ensure(1);
        bytes[size++] = (byte) ascii;
        return this;
    }

    /** Text of ASCII characters only (numbers, names, base64), written as it is. */
    JsonOutput raw(String ascii) {
        int length = ascii.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    JsonOutput raw(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, bytes, size, ascii.length);
        size += ascii.length;
        return this;
    }

    /** {@code text} as a quoted, escaped JSON string. */
    JsonOutput string(String text) {
        int length = text.length();
        ensure(length + 2);
        bytes[size++] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80 && c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != '='
                    && c != '\'') {
                ensure(1);
                bytes[size++] = (byte) c;
            } else if (c < 0x80) {
                escapeAscii(c);
            } else if (c < 0x800) {
                ensure(2);
                bytes[size++] = (byte) (0xC0 | c >> 6);
                bytes[size++] = (byte) (0x80 | c & 0x3F);
            } else if (c == '\u2028' || c == '\u2029') {
                unicodeEscape(c);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, text.charAt(++i));
                    ensure(4);
                    bytes[size++] = (byte) (0xF0 | codePoint >> 18);
                    bytes[size++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                    bytes[size++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                    bytes[size++] = (byte) (0x80 | codePoint & 0x3F);
                } else {
                    raw('?');
                }
            } else {
                ensure(3);
                bytes[size++] = (byte) (0xE0 | c >> 12);
                bytes[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[size++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return raw('"');
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void escapeAscii(char c) {
        switch (c) {
            case '"' -> raw('\\').raw('"');
            case '\\' -> raw('\\').raw('\\');
            case '\b' -> raw('\\').raw('b');
            case '\t' -> raw('\\').raw('t');
            case '\n' -> raw('\\').raw('n');
            case '\f' -> raw('\\').raw('f');
            case '\r' -> raw('\\').raw('r');
            default -> unicodeEscape(c);
        }
    }

    private void unicodeEscape(char c) {
        ensure(6);
        bytes[size++] = '\\';
        bytes[size++] = 'u';
        bytes[size++] = HEX[c >> 12 & 0xF];
        bytes[size++] = HEX[c >> 8 & 0xF];
        bytes[size++] = HEX[c >> 4 & 0xF];
        bytes[size++] = HEX[c & 0xF];
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
