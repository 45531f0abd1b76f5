package io.microspring.auth;

import reactor.core.publisher.Mono;

/** Checks a bearer token and tells whose it is, as go-micro's {@code Auth.Inspect}. */
@FunctionalInterface
public interface TokenVerifier {

    /** The token's account, or an {@link InvalidTokenException} saying why the token is refused. */
    Mono<Account> verify(String token);
}
