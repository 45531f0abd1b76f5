package io.microspring.gateway.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A path an endpoint declares in its {@code path} metadata: a template in the style of
 * {@code google.api.http} ({@code /greeter/{name}}: a literal segment, {@code *} or
 * {@code {var}} for one segment, {@code **} or {@code {var=**}} for the rest) or a regular
 * expression {@code ^...$} matched against the whole path. Variables are percent-decoded.
 */
public final class PathTemplate {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.]*");

    private final String source;
    private final List<Part> parts;
    private final Pattern regex;

    private PathTemplate(String source, List<Part> parts, Pattern regex) {
        this.source = source;
        this.parts = parts;
        this.regex = regex;
    }

    /** Parses {@code template}; fails with a message naming what is wrong with it. */
    public static PathTemplate parse(String template) {
        if (template.startsWith("^") && template.endsWith("$")) {
            return new PathTemplate(template, List.of(), Pattern.compile(template));
        }
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path template '" + template + "' must start with / or be ^...$");
        }
        List<Part> parts = new ArrayList<>();
        String trimmed = template.length() > 1 && template.endsWith("/")
                ? template.substring(1, template.length() - 1) : template.substring(1);
        String[] segments = trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            Part part = part(segments[i], template);
            if (part.kind() == Kind.REST && i != segments.length - 1) {
                throw new IllegalArgumentException("path template '" + template + "': ** must be the last segment");
            }
            parts.add(part);
        }
        return new PathTemplate(template, List.copyOf(parts), null);
    }

    /** The variables of {@code path} when it matches, empty otherwise. */
    public Optional<Map<String, String>> match(RequestPath path) {
        List<String> segments = path.segments();
        if (regex != null) {
            return regex.matcher("/" + String.join("/", segments)).matches() ? Optional.of(Map.of()) : Optional.empty();
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (part.kind() == Kind.REST) {
                if (part.variable() != null) {
                    variables.put(part.variable(), String.join("/", segments.subList(Math.min(i, segments.size()),
                            segments.size())));
                }
                return Optional.of(variables);
            }
            if (i >= segments.size()) {
                return Optional.empty();
            }
            String segment = segments.get(i);
            if (part.kind() == Kind.LITERAL && !part.literal().equals(segment)) {
                return Optional.empty();
            }
            if (part.variable() != null) {
                variables.put(part.variable(), segment);
            }
        }
        return parts.size() == segments.size() ? Optional.of(variables) : Optional.empty();
    }

    /** How many literal segments it has: more specific templates are tried first. */
    public int literalCount() {
        return (int) parts.stream().filter(part -> part.kind() == Kind.LITERAL).count();
    }

    @Override
    public String toString() {
        return source;
    }

    private static Part part(String segment, String template) {
        if (segment.equals("*")) {
            return new Part(Kind.ONE, null, null);
        }
        if (segment.equals("**")) {
            return new Part(Kind.REST, null, null);
        }
        if (segment.startsWith("{") && segment.endsWith("}")) {
            String body = segment.substring(1, segment.length() - 1);
            int equals = body.indexOf('=');
            String name = equals < 0 ? body : body.substring(0, equals);
            String match = equals < 0 ? "*" : body.substring(equals + 1);
            if (!VARIABLE_NAME.matcher(name).matches() || !(match.equals("*") || match.equals("**"))) {
                throw new IllegalArgumentException("path template '" + template + "': '" + segment
                        + "' must be {name}, {name=*} or {name=**}");
            }
            return new Part(match.equals("**") ? Kind.REST : Kind.ONE, name, null);
        }
        if (segment.isEmpty() || segment.contains("{") || segment.contains("}")) {
            throw new IllegalArgumentException("path template '" + template + "' has an empty or malformed segment '"
                    + segment + "'");
        }
        return new Part(Kind.LITERAL, null, segment);
    }

    private enum Kind {
        LITERAL, ONE, REST
    }

    private record Part(Kind kind, String variable, String literal) {
    }
}
