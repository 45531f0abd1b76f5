package io.microspring.autoconfigure;

import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import io.microspring.auth.InvalidTokenException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The keys of a JSON Web Key Set fetched with Reactor Netty (no blocking, no WebFlux needed), kept
 * for {@link #REFRESH} and fetched again sooner when a token names a key it does not have (at most
 * once per {@link #MIN_REFETCH}, so that unknown keys cannot make it fetch on every call).
 */
final class JwkSetSource {

    /** How long a fetched key set is used. */
    static final Duration REFRESH = Duration.ofMinutes(5);
    /** The shortest time between two fetches. */
    static final Duration MIN_REFETCH = Duration.ofSeconds(30);

    private final String uri;
    private final HttpClient http;
    private final AtomicReference<Fetched> fetched = new AtomicReference<>();

    JwkSetSource(String uri, Duration timeout) {
        this.uri = uri;
        this.http = HttpClient.create().responseTimeout(timeout);
    }

    /** The keys that may have signed {@code jwt}. */
    Flux<JWK> keysFor(SignedJWT jwt) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        return keySet(false).flatMapMany(set -> {
            if (!selector.select(set).isEmpty()) {
                return Flux.fromIterable(selector.select(set));
            }
            return keySet(true).flatMapIterable(selector::select);
        });
    }

    private Mono<JWKSet> keySet(boolean missingKey) {
        Fetched last = fetched.get();
        long now = System.nanoTime();
        if (last != null && now - last.at() < (missingKey ? MIN_REFETCH : REFRESH).toNanos()) {
            return Mono.just(last.set());
        }
        return http.get().uri(uri).responseSingle((response, body) -> response.status().code() == 200
                        ? body.asString()
                        : Mono.error(new InvalidTokenException("the key set at " + uri + " answered "
                                + response.status())))
                .map(json -> {
                    try {
                        JWKSet set = JWKSet.parse(json);
                        fetched.set(new Fetched(set, System.nanoTime()));
                        return set;
                    } catch (ParseException e) {
                        throw new InvalidTokenException("the key set at " + uri + " is not a JSON Web Key Set: "
                                + e.getMessage(), e);
                    }
                })
                .onErrorResume(error -> last != null ? Mono.just(last.set()) : Mono.error(error instanceof
                        InvalidTokenException ? error : new InvalidTokenException("cannot fetch the key set at " + uri
                                + ": " + error.getMessage(), error)));
    }

    private record Fetched(JWKSet set, long at) {
    }
}
