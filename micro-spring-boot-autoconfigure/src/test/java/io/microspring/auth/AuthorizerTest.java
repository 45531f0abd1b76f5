package io.microspring.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;
import reactor.core.publisher.Mono;

class AuthorizerTest {

    /** Tokens "user" and "admin" are valid, the latter with scope admin; anything else is not. */
    private static final TokenVerifier VERIFIER = token -> switch (token) {
        case "user" -> Mono.just(new Account("u", null, "user", List.of(), Map.of()));
        case "admin" -> Mono.just(new Account("a", null, "user", List.of("Admin"), Map.of()));
        default -> Mono.error(new InvalidTokenException("signature does not match"));
    };

    private final Authorizer authorizer = new Authorizer(VERIFIER, AccessRules.parse(Map.of("Say.Open", "public",
            "Say.Admin", "scope:admin"), Access.AUTHENTICATED, "rules"));

    @Test
    void aPublicEndpointAdmitsCallsWithoutAToken() {
        assertThat(authorize(Metadata.empty(), "Say.Open")).isNull();
    }

    @Test
    void aMissingOrMalformedTokenIsA401WithTheGivenId() {
        assertRefused(Metadata.empty(), "Say.Hello", 401, "missing authorization token: Say.Hello needs a bearer "
                + "token (Authorization: Bearer <token>)");
        assertRefused(Metadata.of("authorization", "Basic abc"), "Say.Hello", 401,
                "invalid authorization token: expected 'Bearer <token>' in Authorization");
        assertRefused(BearerToken.metadata("forged"), "Say.Hello", 401, "invalid token: signature does not match");
    }

    @Test
    void aValidTokenIsAdmittedAndItsAccountReturned() {
        assertThat(authorize(BearerToken.metadata("user"), "Say.Hello").id()).isEqualTo("u");
    }

    @Test
    void aScopeRuleAdmitsOnlyTokensWithThatScopeInAnyLetterCase() {
        assertRefused(BearerToken.metadata("user"), "Say.Admin", 403, "access denied to Say.Admin: it needs scope admin");
        assertThat(authorize(BearerToken.metadata("admin"), "Say.Admin").id()).isEqualTo("a");
    }

    private Account authorize(Metadata metadata, String endpoint) {
        return authorizer.authorize("greeter", metadata, endpoint, Map.of()).block(Duration.ofSeconds(5));
    }

    private void assertRefused(Metadata metadata, String endpoint, int code, String detail) {
        assertThatThrownBy(() -> authorize(metadata, endpoint)).isInstanceOfSatisfying(MicroException.class, e -> {
            assertThat(e.id()).isEqualTo("greeter");
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.detail()).isEqualTo(detail);
        });
    }
}
