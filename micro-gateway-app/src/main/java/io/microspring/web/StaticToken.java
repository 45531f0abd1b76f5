package io.microspring.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The bearer token login ({@code micro.web.auth.token}): reads {@code Authorization: Bearer <token>}
 * and accepts the one configured token, compared in constant time.
 */
final class StaticToken implements ServerAuthenticationConverter, ReactiveAuthenticationManager {

    private static final String BEARER = "Bearer ";
    private static final String PRINCIPAL = "token";

    private final byte[] token;

    StaticToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** The token sent, unchecked; nothing when the request sends no bearer token. */
    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.empty();
        }
        return Mono.just(UsernamePasswordAuthenticationToken.unauthenticated(PRINCIPAL,
                authorization.substring(BEARER.length()).strip()));
    }

    /** Accepts the configured token; any other fails with a bad-credentials error. */
    @Override
    public Mono<Authentication> authenticate(Authentication sent) {
        byte[] candidate = String.valueOf(sent.getCredentials()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(candidate, token)) {
            return Mono.error(new BadCredentialsException("the token is not micro.web.auth.token"));
        }
        return Mono.just(UsernamePasswordAuthenticationToken.authenticated(PRINCIPAL, null, List.of()));
    }
}
