package io.microspring.autoconfigure;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import io.microspring.auth.Account;
import io.microspring.auth.InvalidTokenException;
import io.microspring.auth.TokenVerifier;
import reactor.core.publisher.Mono;

/**
 * Verifies JWTs with Spring Security's {@link ReactiveJwtDecoder} (signature, expiry) and reads
 * them as go-micro's jwt provider writes them: {@code sub} the account id, {@code iss}, {@code type},
 * {@code metadata}, and the scopes in {@code scopes}; OAuth's {@code scope} (space separated) and
 * {@code scp} are read too.
 */
final class JwtTokenVerifier implements TokenVerifier {

    private final ReactiveJwtDecoder decoder;

    JwtTokenVerifier(ReactiveJwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Mono<Account> verify(String token) {
        return decoder.decode(token)
                .onErrorMap(JwtException.class, e -> new InvalidTokenException(reason(e), e))
                .map(JwtTokenVerifier::account);
    }

    /** What is wrong with the token: the failed validations ("Jwt expired at ..."), else the error's message. */
    private static String reason(JwtException error) {
        if (error instanceof JwtValidationException invalid && !invalid.getErrors().isEmpty()) {
            return invalid.getErrors().stream().map(OAuth2Error::getDescription).collect(Collectors.joining("; "));
        }
        return error.getMessage();
    }

    private static Account account(Jwt jwt) {
        Object metadata = jwt.getClaims().get("metadata");
        Map<String, String> strings = metadata instanceof Map<?, ?> map ? map.entrySet().stream()
                .collect(Collectors.toMap(entry -> String.valueOf(entry.getKey()),
                        entry -> String.valueOf(entry.getValue()))) : Map.of();
        return new Account(jwt.getSubject(), jwt.getClaimAsString("iss"), jwt.getClaimAsString("type"), scopes(jwt),
                strings);
    }

    private static List<String> scopes(Jwt jwt) {
        for (String claim : List.of("scopes", "scp", "scope")) {
            Object value = jwt.getClaims().get(claim);
            if (value instanceof Collection<?> values) {
                return values.stream().map(String::valueOf).toList();
            }
            if (value instanceof String text && !text.isBlank()) {
                return List.of(text.strip().split("\\s+"));
            }
        }
        return List.of();
    }
}
