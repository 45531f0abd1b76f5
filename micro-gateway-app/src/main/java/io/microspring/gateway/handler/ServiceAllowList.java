package io.microspring.gateway.handler;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which services a front end may call: service name patterns ({@code *} matches any characters)
 * from one setting, which refusals name; no pattern allows every service. Used by {@code /rpc}
 * and by micro bot's {@code call}.
 */
public final class ServiceAllowList {

    private final List<String> patterns;
    private final String setting;
    private final List<Pattern> compiled;

    /** The services matching one of {@code patterns}, which come from property {@code setting}. */
    public ServiceAllowList(List<String> patterns, String setting) {
        this.patterns = List.copyOf(patterns);
        this.setting = setting;
        this.compiled = this.patterns.stream().map(ServiceAllowList::glob).toList();
    }

    /** Whether every service is allowed (no pattern is set). */
    public boolean allowsAll() {
        return compiled.isEmpty();
    }

    /** Whether {@code service} may be called. */
    public boolean allows(String service) {
        return compiled.isEmpty() || compiled.stream().anyMatch(pattern -> pattern.matcher(service).matches());
    }

    /** The patterns as configured. */
    public List<String> patterns() {
        return patterns;
    }

    /** The property the patterns come from. */
    public String setting() {
        return setting;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.strip().split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }
}
