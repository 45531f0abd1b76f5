package io.microspring.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AccessRulesTest {

    private final AccessRules rules = AccessRules.parse(new LinkedHashMap<>(Map.of(
            "Say.Hello", "public",
            "Say.*", "scope:reader",
            "Say.Admin*", "scope:admin",
            "/files/*", "public")), Access.AUTHENTICATED, "micro.auth.rules");

    @Test
    void anExactRuleWinsOverWildcardsAndLetterCaseDoesNotMatter() {
        assertThat(rules.accessTo("Say.Hello", Map.of())).isEqualTo(Access.PUBLIC);
        assertThat(rules.accessTo("say.hello", Map.of())).isEqualTo(Access.PUBLIC);
    }

    @Test
    void theLongestWildcardWins() {
        assertThat(rules.accessTo("Say.AdminPanel", Map.of())).isEqualTo(Access.scope("admin"));
        assertThat(rules.accessTo("Say.Other", Map.of())).isEqualTo(Access.scope("reader"));
        assertThat(rules.accessTo("/files/a/b", Map.of())).isEqualTo(Access.PUBLIC);
    }

    @Test
    void withoutARuleTheEndpointsDeclaredAccessThenTheDefaultApplies() {
        assertThat(rules.accessTo("Other.Call", Map.of("auth", "scope:writer"))).isEqualTo(Access.scope("writer"));
        assertThat(rules.accessTo("Other.Call", Map.of())).isEqualTo(Access.AUTHENTICATED);
        assertThat(rules.accessTo("Say.Other", Map.of("auth", "public"))).as("rules override the annotation")
                .isEqualTo(Access.scope("reader"));
    }

    @Test
    void aBadValueFailsNamingTheProperty() {
        assertThatThrownBy(() -> AccessRules.parse(Map.of("Say.Hello", "admins"), Access.PUBLIC, "micro.auth.rules"))
                .hasMessage("micro.auth.rules[Say.Hello] must be public, authenticated or scope:<name>, got 'admins'");
        assertThat(Access.parse(" Scope:Admin ", "x")).isEqualTo(Access.scope("Admin"));
        assertThat(Access.scope("admin")).hasToString("scope:admin");
    }
}
