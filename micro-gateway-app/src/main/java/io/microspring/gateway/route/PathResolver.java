package io.microspring.gateway.route;

import java.util.List;
import java.util.Optional;

/**
 * micro's path resolution ("micro" resolver), before the namespace is joined:
 * <table>
 * <caption>rpc targets (api, rpc and meta handlers)</caption>
 * <tr><th>path</th><th>service</th><th>endpoint</th></tr>
 * <tr><td>/foo</td><td>foo</td><td>Foo</td></tr>
 * <tr><td>/foo/bar</td><td>foo</td><td>Foo.Bar</td></tr>
 * <tr><td>/greeter/say/hello</td><td>greeter</td><td>Say.Hello</td></tr>
 * <tr><td>/foo/bar/baz/cat</td><td>foo.bar</td><td>Baz.Cat</td></tr>
 * <tr><td>/v1/foo/bar</td><td>v1.foo</td><td>Foo.Bar</td></tr>
 * </table>
 * Segments joined by dashes are CamelCased ({@code say-hello} gives {@code SayHello}). The proxy
 * resolves the first segment (two for {@code /v1/foo}); events take the first segment as topic.
 */
public final class PathResolver {


    private PathResolver() {
    }

    /** The service and endpoint a path calls; empty for the root path. */
    public static Optional<RpcTarget> rpc(RequestPath path) {
        List<String> parts = path.segments();
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        parts.forEach(part -> requireWord(part, path));
        int count = parts.size();
        if (count == 1) {
            return Optional.of(new RpcTarget(parts.get(0), camel(parts.get(0))));
        }
        if (count == 2) {
            return Optional.of(new RpcTarget(parts.get(0), camel(parts.get(0)) + "." + camel(parts.get(1))));
        }
        String endpoint = camel(parts.get(count - 2)) + "." + camel(parts.get(count - 1));
        if (count == 3 && isVersion(parts.get(0))) {
            return Optional.of(new RpcTarget(parts.get(0) + "." + parts.get(1), endpoint));
        }
        return Optional.of(new RpcTarget(String.join(".", parts.subList(0, count - 2)), endpoint));
    }

    /** The service a path is proxied to: its first segment, or the first two for {@code /v1/foo/...}. */
    public static Optional<String> proxy(RequestPath path) {
        List<String> parts = path.segments();
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        boolean versioned = parts.size() > 1 && isVersion(parts.get(0));
        String alias = versioned ? parts.get(1) : parts.get(0);
        if (!isWord(alias, false)) {
            throw new InvalidPathException("path " + path + " does not name a service: '" + alias
                    + "' may only hold letters, digits and single dashes");
        }
        return Optional.of(versioned ? parts.get(0) + "." + alias : alias);
    }

    /**
     * The topic (first segment, two for {@code /v1/foo}) and event name (the segments after the
     * first, joined by dots) of a path; the root path is topic {@code ""}, name {@code event}.
     */
    public static EventTarget event(RequestPath path) {
        List<String> parts = path.segments();
        if (parts.isEmpty()) {
            return new EventTarget("", "event");
        }
        parts.forEach(part -> requireWord(part, path));
        int topicParts = parts.size() >= 2 && isVersion(parts.get(0)) ? 2 : 1;
        return new EventTarget(String.join(".", parts.subList(0, topicParts)),
                String.join(".", parts.subList(1, parts.size())));
    }

    private static void requireWord(String part, RequestPath path) {
        if (!isWord(part, true)) {
            throw new InvalidPathException("path " + path + " does not name a service and endpoint: '" + part
                    + "' may only hold letters, digits, and single - or _ between them");
        }
    }

    /**
     * Whether {@code part} is ASCII letters and digits, with single dashes (and with
     * {@code underscore}, underscores) between them. Scanned by hand: a regular expression cost a
     * share of every request.
     */
    private static boolean isWord(String part, boolean underscore) {
        boolean atStart = true;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (isLetterOrDigit(c)) {
                atStart = false;
            } else if ((c == '-' || (underscore && c == '_')) && !atStart) {
                atStart = true;
            } else {
                return false;
            }
        }
        return !atStart;
    }

    /** Whether {@code part} is {@code v} and digits ({@code v1}). */
    private static boolean isVersion(String part) {
        if (part.length() < 2 || part.charAt(0) != 'v') {
            return false;
        }
        for (int i = 1; i < part.length(); i++) {
            if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** {@code say-hello} as {@code SayHello}: each dash dropped, the letter after it and the first capitalised. */
    private static String camel(String part) {
        StringBuilder camel = new StringBuilder(part.length());
        boolean capitalise = true;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '-') {
                capitalise = true;
            } else {
                camel.append(capitalise ? Character.toUpperCase(c) : c);
                capitalise = false;
            }
        }
        return camel.toString();
    }

    /** A service (without the namespace) and endpoint ({@code Say.Hello}). */
    public record RpcTarget(String service, String endpoint) {
    }

    /** A topic (without the namespace) and event name. */
    public record EventTarget(String topic, String name) {
    }
}
