package io.microspring.auth;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.microspring.registry.Endpoint;

/**
 * Which {@link Access} each endpoint needs. A rule names an endpoint ({@code Say.Hello}), or ends in
 * {@code *} to cover every endpoint or path with that beginning ({@code Say.*}, {@code /files/*});
 * names are compared without regard to letter case, as go-micro's rules compare them. An exact rule
 * wins over a wildcard one, a longer wildcard over a shorter; an endpoint no rule covers takes the
 * access its registered metadata declares ({@code @MicroHandler(auth = ...)}), else the default.
 */
public final class AccessRules {

    private final Map<String, Access> exact = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<Map.Entry<String, Access>> wildcards;
    private final Access defaultAccess;

    private AccessRules(Map<String, Access> rules, Access defaultAccess) {
        rules.forEach((name, access) -> {
            if (!name.endsWith("*")) {
                exact.put(name, access);
            }
        });
        this.wildcards = rules.entrySet().stream()
                .filter(rule -> rule.getKey().endsWith("*"))
                .map(rule -> Map.entry(prefix(rule.getKey()), rule.getValue()))
                .sorted(Comparator.comparingInt((Map.Entry<String, Access> rule) -> rule.getKey().length()).reversed())
                .toList();
        this.defaultAccess = defaultAccess;
    }

    /**
     * Rules from text ({@code Say.Hello=public}, {@code Say.*=scope:admin}), read as
     * {@link Access#parse}; a bad value fails naming {@code property}.
     */
    public static AccessRules parse(Map<String, String> rules, Access defaultAccess, String property) {
        Map<String, Access> parsed = new TreeMap<>();
        rules.forEach((name, value) -> parsed.put(name.strip(), Access.parse(value, property + "[" + name + "]")));
        return new AccessRules(parsed, defaultAccess);
    }

    /** The access {@code resource} (an endpoint or a path) needs, given its endpoint metadata. */
    public Access accessTo(String resource, Map<String, String> endpointMetadata) {
        Access rule = exact.get(resource);
        if (rule != null) {
            return rule;
        }
        String lower = resource.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Access> wildcard : wildcards) {
            if (lower.startsWith(wildcard.getKey())) {
                return wildcard.getValue();
            }
        }
        String declared = endpointMetadata.get(Endpoint.AUTH_METADATA);
        return declared == null ? defaultAccess
                : Access.parse(declared, "endpoint metadata " + Endpoint.AUTH_METADATA + " of " + resource);
    }

    private static String prefix(String wildcard) {
        return wildcard.substring(0, wildcard.length() - 1).toLowerCase(Locale.ROOT);
    }
}
