package io.microspring.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.errors.MicroException;
import io.microspring.gateway.handler.Exchanges;
import reactor.core.publisher.Mono;

/**
 * How micro web refuses a request without a valid login: 401 with go-micro's error JSON and a
 * {@code WWW-Authenticate} challenge, {@code Basic} (so that browsers ask for the user) when the
 * basic login is on, {@code Bearer} otherwise. No stack trace, no detail of the check.
 */
final class LoginRefusal implements ServerAuthenticationEntryPoint {

    private static final String REALM = "realm=\"micro web\"";

    private final boolean basic;
    private final String how;

    /** A refusal challenging for basic when {@code basic}, and naming the logins accepted in {@code how}. */
    LoginRefusal(boolean basic, String how) {
        this.basic = basic;
        this.how = how;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException refused) {
        MicroException error = refused instanceof BadCredentialsException
                ? MicroException.unauthorized(MicroWebHandler.ID, "the login was refused; log in with %s", how)
                : MicroException.unauthorized(MicroWebHandler.ID, "micro web's dashboard needs a login: %s", how);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, (basic ? "Basic " : "Bearer ") + REALM);
        return Exchanges.write(exchange, 401, "application/json", error.toJson().getBytes(StandardCharsets.UTF_8));
    }
}
