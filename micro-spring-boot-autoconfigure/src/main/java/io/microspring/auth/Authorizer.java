package io.microspring.auth;

import java.util.Map;

import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;
import reactor.core.publisher.Mono;

/**
 * Decides a call as go-micro's auth handler does: a public endpoint admits anyone; any other needs
 * a valid bearer token (else 401 Unauthorized) and, for access by scope, a token granting it (else
 * 403 Forbidden). Refusals are go-micro errors with the given id and no part of the token.
 */
public final class Authorizer {

    private final TokenVerifier verifier;
    private final AccessRules rules;

    public Authorizer(TokenVerifier verifier, AccessRules rules) {
        this.verifier = verifier;
        this.rules = rules;
    }

    /**
     * The account calling {@code resource} (an endpoint, or a path) with {@code metadata}, empty for
     * a public one; or a 401 or 403 {@link MicroException} with id {@code errorId}.
     */
    public Mono<Account> authorize(String errorId, Metadata metadata, String resource,
            Map<String, String> endpointMetadata) {
        Access access = rules.accessTo(resource, endpointMetadata);
        if (access.kind() == Access.Kind.PUBLIC) {
            return Mono.empty();
        }
        String token;
        try {
            token = BearerToken.from(metadata).orElse(null);
        } catch (InvalidTokenException e) {
            return Mono.error(MicroException.unauthorized(errorId, "invalid authorization token: %s", e.getMessage()));
        }
        if (token == null) {
            return Mono.error(MicroException.unauthorized(errorId, "missing authorization token: %s needs a bearer "
                    + "token (%s: %s<token>)", resource, BearerToken.METADATA_KEY, BearerToken.PREFIX));
        }
        return Mono.defer(() -> verifier.verify(token))
                .onErrorMap(InvalidTokenException.class, e -> MicroException.unauthorized(errorId, "invalid token: %s",
                        e.getMessage()))
                .flatMap(account -> access.kind() == Access.Kind.SCOPE && !account.hasScope(access.scope())
                        ? Mono.error(MicroException.forbidden(errorId, "access denied to %s: it needs scope %s",
                                resource, access.scope()))
                        : Mono.just(account));
    }
}
