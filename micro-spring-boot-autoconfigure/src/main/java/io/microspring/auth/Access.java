package io.microspring.auth;

import java.util.Locale;
import java.util.Objects;

/**
 * Who may call an endpoint: anyone ({@code public}), any valid token ({@code authenticated}), or a
 * token granting a scope ({@code scope:<name>}), go-micro's rule scopes {@code ""}, {@code "*"}
 * and a named scope.
 *
 * @param scope the scope a token must grant, {@code null} unless the access is by scope
 */
public record Access(Kind kind, String scope) {

    /** Anyone, with or without a token. */
    public static final Access PUBLIC = new Access(Kind.PUBLIC, null);
    /** Any valid token. */
    public static final Access AUTHENTICATED = new Access(Kind.AUTHENTICATED, null);

    private static final String SCOPE_PREFIX = "scope:";

    public Access {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.SCOPE) != (scope != null && !scope.isBlank())) {
            throw new IllegalArgumentException("a scope goes with access by scope only, got " + kind + " " + scope);
        }
    }

    /** A token granting {@code scope}. */
    public static Access scope(String scope) {
        return new Access(Kind.SCOPE, scope);
    }

    /** {@code public}, {@code authenticated} or {@code scope:<name>}; anything else fails naming {@code where}. */
    public static Access parse(String text, String where) {
        String value = text == null ? "" : text.strip();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("public")) {
            return PUBLIC;
        }
        if (lower.equals("authenticated")) {
            return AUTHENTICATED;
        }
        if (lower.startsWith(SCOPE_PREFIX) && value.length() > SCOPE_PREFIX.length()) {
            return scope(value.substring(SCOPE_PREFIX.length()).strip());
        }
        throw new IllegalArgumentException(where + " must be public, authenticated or scope:<name>, got '" + text
                + "'");
    }

    @Override
    public String toString() {
        return kind == Kind.SCOPE ? SCOPE_PREFIX + scope : kind.name().toLowerCase(Locale.ROOT);
    }

    /** The kinds of access. */
    public enum Kind {
        PUBLIC, AUTHENTICATED, SCOPE
    }
}
