package io.microspring.gateway.route;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request path cleaned as Go's {@code path.Clean} does before micro resolves it: empty and
 * {@code .} segments dropped, {@code ..} removing the segment before it (never above the root), no
 * trailing slash. {@link #segments()} are percent-decoded; {@link #raw()} keeps the encoding, for
 * the proxy to forward.
 */
public final class RequestPath {

    private final List<String> segments;
    private final String raw;

    private RequestPath(List<String> segments, String raw) {
        this.segments = segments;
        this.raw = raw;
    }

    /**
     * Cleans and decodes {@code rawPath} (as it arrived, percent-encoded). Fails with
     * {@link InvalidPathException} for malformed percent-encoding, and for {@code .} or {@code ..}
     * hidden behind percent-encoding, which backends could otherwise read as a step up.
     */
    public static RequestPath parse(String rawPath) {
        List<String> decoded = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                    decoded.remove(decoded.size() - 1);
                }
                continue;
            }
            String value = decode(segment, rawPath);
            if (value.equals(".") || value.equals("..")) {
                throw new InvalidPathException("path " + rawPath + " hides '" + value + "' behind percent-encoding");
            }
            kept.add(segment);
            decoded.add(value);
        }
        return new RequestPath(List.copyOf(decoded), "/" + String.join("/", kept));
    }

    /** The decoded segments, none empty. */
    public List<String> segments() {
        return segments;
    }

    /** The cleaned path, still percent-encoded, starting with {@code /}. */
    public String raw() {
        return raw;
    }

    @Override
    public String toString() {
        return raw;
    }

    private static String decode(String segment, String rawPath) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(segment.charAt(i + 2), 16) : -1;
            if (low < 0) {
                throw new InvalidPathException("path " + rawPath + " has a malformed percent-encoding in '" + segment
                        + "'");
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
