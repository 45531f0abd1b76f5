package io.microspring.auth;

import java.util.List;
import java.util.Map;

/**
 * Who a verified token speaks for, as go-micro's {@code auth.Account}: the subject, the issuer,
 * the account type, its scopes and metadata.
 */
public record Account(String id, String issuer, String type, List<String> scopes, Map<String, String> metadata) {

    public Account {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Whether the account has {@code scope}; letter case does not matter, as in go-micro's rules. */
    public boolean hasScope(String scope) {
        return scopes.stream().anyMatch(scope::equalsIgnoreCase);
    }
}
