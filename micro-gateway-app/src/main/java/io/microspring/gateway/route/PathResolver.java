package io.microspring.gateway.route;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.microspring.registry.Endpoint;

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

    private static final Pattern WORD = Pattern.compile("[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*");
    private static final Pattern PROXY_NAME = Pattern.compile("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*");
    private static final Pattern VERSION = Pattern.compile("v[0-9]+");

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
        if (count == 3 && VERSION.matcher(parts.get(0)).matches()) {
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
        boolean versioned = parts.size() > 1 && VERSION.matcher(parts.get(0)).matches();
        String alias = versioned ? parts.get(1) : parts.get(0);
        if (!PROXY_NAME.matcher(alias).matches()) {
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
        int topicParts = parts.size() >= 2 && VERSION.matcher(parts.get(0)).matches() ? 2 : 1;
        return new EventTarget(String.join(".", parts.subList(0, topicParts)),
                String.join(".", parts.subList(1, parts.size())));
    }

    private static void requireWord(String part, RequestPath path) {
        if (!WORD.matcher(part).matches()) {
            throw new InvalidPathException("path " + path + " does not name a service and endpoint: '" + part
                    + "' may only hold letters, digits, and single - or _ between them");
        }
    }

    private static String camel(String part) {
        StringBuilder camel = new StringBuilder(part.length());
        for (String word : part.split("-")) {
            camel.append(Endpoint.capitalise(word));
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
