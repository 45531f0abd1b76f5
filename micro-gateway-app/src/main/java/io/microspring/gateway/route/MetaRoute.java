package io.microspring.gateway.route;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A route an endpoint declares in its metadata, as go-micro's {@code api.Encode} writes it:
 * {@code handler}, and the comma-separated {@code path}, {@code method} and {@code host}.
 *
 * @param service the service name
 * @param endpoint the endpoint name, {@code Say.Hello}
 * @param handler the handler that serves it ({@code rpc}, {@code api}, {@code http}, {@code event})
 * @param methods the HTTP methods it routes, upper case; empty for any
 * @param hosts patterns one of which the request's host must contain; empty for any
 * @param template the path
 */
public record MetaRoute(String service, String endpoint, String handler, List<String> methods, List<Pattern> hosts,
        PathTemplate template) {

    /** The routes of one endpoint's metadata: one per declared path, none when it declares no handler or path. */
    public static List<MetaRoute> of(String service, String endpoint, Map<String, String> metadata) {
        String handler = metadata.getOrDefault("handler", "").strip();
        List<String> paths = split(metadata.get("path"));
        if (handler.isEmpty() || paths.isEmpty()) {
            return List.of();
        }
        List<String> methods = split(metadata.get("method")).stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        List<Pattern> hosts = split(metadata.get("host")).stream().filter(host -> !host.equals("*"))
                .map(Pattern::compile).toList();
        return paths.stream().map(path -> new MetaRoute(service, endpoint, handler, methods, hosts,
                PathTemplate.parse(path))).toList();
    }

    /** The path variables when this route takes a request with {@code method}, {@code host} and {@code path}. */
    public Optional<Map<String, String>> match(String method, String host, RequestPath path) {
        if (!methods.isEmpty() && !methods.contains(method)) {
            return Optional.empty();
        }
        if (!hosts.isEmpty() && hosts.stream().noneMatch(pattern -> pattern.matcher(host).find())) {
            return Optional.empty();
        }
        return template.match(path);
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
