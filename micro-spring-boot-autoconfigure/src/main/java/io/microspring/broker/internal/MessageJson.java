package io.microspring.broker.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import io.microspring.broker.BrokerMessage;
import io.microspring.metadata.Metadata;

/**
 * go-micro's JSON form of a broker message, {@code {"Header":{...},"Body":"<base64>"}}: what the
 * http broker posts and the nats broker publishes. Field names are read in any letter case,
 * unknown fields are skipped, and a {@code null} header map, header or body reads as empty, as
 * Go's {@code encoding/json} does. Written and read by hand: this fixed shape is on the path of
 * every message, and a general JSON library costs several times more here.
 */
public final class MessageJson {

    private static final byte[] HEADER_START = "{\"Header\":{".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY_START = "},\"Body\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private MessageJson() {
    }

    /** The JSON of a message with {@code headers} and {@code body}. */
    public static byte[] write(Metadata headers, byte[] body) {
        Bytes out = new Bytes(32 + (body.length + 2) / 3 * 4 + headers.asMap().size() * 48);
        out.writeBytes(HEADER_START);
        boolean first = true;
        for (Map.Entry<String, String> header : headers.asMap().entrySet()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            writeString(out, header.getKey());
            out.write(':');
            writeString(out, header.getValue());
        }
        out.writeBytes(BODY_START);
        out.writeBytes(Base64.getEncoder().encode(body));
        out.write('"');
        out.write('}');
        return out.toByteArray();
    }

    /** The message in {@code json}; malformed input fails with {@link IllegalArgumentException} saying why. */
    public static BrokerMessage read(byte[] json) {
        return new Reader(json).message();
    }

    private static void writeString(Bytes out, String text) {
        out.write('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.write('\\');
                out.write(c);
            } else if (c < 0x20) {
                out.writeBytes(new byte[] {'\\', 'u', '0', '0', HEX[c >> 4], HEX[c & 0xf]});
            } else if (c < 0x80) {
                out.write(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        out.write('"');
    }

    /** A growing byte array; unlike {@code ByteArrayOutputStream}, not synchronized on every byte. */
    private static final class Bytes {

        private byte[] bytes;
        private int size;

        Bytes(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void write(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) b;
        }

        void write(byte[] source, int offset, int length) {
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
            }
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        void writeBytes(byte[] source) {
            write(source, 0, source.length);
        }

        byte[] toByteArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

    /** A cursor over the JSON bytes. */
    private static final class Reader {

        private final byte[] json;
        private int at;

        Reader(byte[] json) {
            this.json = json;
        }

        BrokerMessage message() {
            Metadata.Builder headers = Metadata.builder();
            byte[] body = new byte[0];
            expect('{', "a JSON object");
            if (!consume('}')) {
                do {
                    String name = string();
                    expect(':', "':' after \"" + name + "\"");
                    if (consumeNull()) {
                        continue;
                    }
                    if (name.equalsIgnoreCase("Header")) {
                        readHeaders(headers);
                    } else if (name.equalsIgnoreCase("Body")) {
                        body = base64();
                    } else {
                        skipValue();
                    }
                } while (consume(','));
                expect('}', "',' or '}' in the message object");
            }
            skipWhitespace();
            if (at != json.length) {
                throw malformed("unexpected data after the message object");
            }
            return new BrokerMessage(headers.build(), body);
        }

        private void readHeaders(Metadata.Builder headers) {
            expect('{', "Header to be an object");
            if (consume('}')) {
                return;
            }
            do {
                String key = string();
                expect(':', "':' after header " + key);
                headers.put(key, consumeNull() ? "" : string());
            } while (consume(','));
            expect('}', "',' or '}' in Header");
        }

        private byte[] base64() {
            skipWhitespace();
            if (peek() != '"') {
                throw malformed("expected Body to be a base64 string");
            }
            int start = ++at;
            int end = closingQuote(start);
            at = end + 1;
            try {
                ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(json, start, end - start));
                byte[] bytes = decoded.array();
                return decoded.remaining() == bytes.length ? bytes : Arrays.copyOf(bytes, decoded.remaining());
            } catch (IllegalArgumentException e) {
                throw malformed("Body is not base64: " + e.getMessage());
            }
        }

        /** The index of the first {@code "} from {@code from}. */
        private int closingQuote(int from) {
            byte[] bytes = json;
            int i = from;
            while (i < bytes.length && bytes[i] != '"') {
                i++;
            }
            if (i == bytes.length) {
                throw malformed("unterminated string");
            }
            return i;
        }

        private String string() {
            skipWhitespace();
            if (peek() != '"') {
                throw malformed("expected a string");
            }
            int start = ++at;
            byte[] bytes = json;
            int i = start;
            while (i < bytes.length && bytes[i] != '"' && bytes[i] != '\\') {
                i++;
            }
            at = i;
            if (i < bytes.length && bytes[i] == '"') {
                at++;
                return new String(bytes, start, i - start, StandardCharsets.UTF_8);
            }
            Bytes text = new Bytes(at - start + 16);
            text.write(json, start, at - start);
            while (at < json.length && json[at] != '"') {
                byte b = json[at++];
                if (b != '\\') {
                    text.write(b);
                } else {
                    unescape(text);
                }
            }
            if (at == json.length) {
                throw malformed("unterminated string");
            }
            at++;
            return new String(text.toByteArray(), StandardCharsets.UTF_8);
        }

        private void unescape(Bytes text) {
            if (at >= json.length) {
                throw malformed("unterminated escape");
            }
            byte escaped = json[at++];
            switch (escaped) {
                case '"', '\\', '/' -> text.write(escaped);
                case 'b' -> text.write('\b');
                case 'f' -> text.write('\f');
                case 'n' -> text.write('\n');
                case 'r' -> text.write('\r');
                case 't' -> text.write('\t');
                case 'u' -> {
                    char c = hex4();
                    if (Character.isHighSurrogate(c) && at + 1 < json.length && json[at] == '\\' && json[at + 1] == 'u') {
                        at += 2;
                        text.writeBytes(new String(new char[] {c, hex4()}).getBytes(StandardCharsets.UTF_8));
                    } else {
                        text.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                    }
                }
                default -> throw malformed("invalid escape \\" + (char) escaped);
            }
        }

        private char hex4() {
            if (at + 4 > json.length) {
                throw malformed("truncated \\u escape");
            }
            int value = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(json[at++], 16);
                if (digit < 0) {
                    throw malformed("invalid \\u escape");
                }
                value = value * 16 + digit;
            }
            return (char) value;
        }

        /** Skips any JSON value: an object, array, string, number, true, false or null. */
        private void skipValue() {
            skipWhitespace();
            switch (peek()) {
                case '"' -> string();
                case '{' -> skipContainer('{', '}', true);
                case '[' -> skipContainer('[', ']', false);
                default -> {
                    int start = at;
                    while (at < json.length && "-+.eE0123456789truefalsn".indexOf(json[at]) >= 0) {
                        at++;
                    }
                    if (at == start) {
                        throw malformed("expected a value");
                    }
                }
            }
        }

        private void skipContainer(char open, char close, boolean object) {
            expect(open, String.valueOf(open));
            if (consume(close)) {
                return;
            }
            do {
                if (object) {
                    string();
                    expect(':', "':' in an object");
                }
                skipValue();
            } while (consume(','));
            expect(close, "',' or '" + close + "'");
        }

        private boolean consumeNull() {
            skipWhitespace();
            if (at + 4 <= json.length && json[at] == 'n' && json[at + 1] == 'u' && json[at + 2] == 'l' && json[at + 3] == 'l') {
                at += 4;
                return true;
            }
            return false;
        }

        private boolean consume(char c) {
            skipWhitespace();
            if (at < json.length && json[at] == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c, String what) {
            if (!consume(c)) {
                throw malformed("expected " + what);
            }
        }

        private int peek() {
            if (at >= json.length) {
                throw malformed("unexpected end of input");
            }
            return json[at];
        }

        private void skipWhitespace() {
            byte[] bytes = json;
            int i = at;
            while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
                i++;
            }
            at = i;
        }

        private IllegalArgumentException malformed(String why) {
            return new IllegalArgumentException("malformed broker message JSON at byte " + at + ": " + why);
        }
    }
}
