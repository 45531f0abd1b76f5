package io.microspring.auth;

import io.microspring.server.CallContext;
import io.microspring.server.CallGuard;
import reactor.core.publisher.Mono;

/**
 * The server side of auth: admits each call and stream whose caller the {@link Authorizer} lets in,
 * answering the others with go-micro's 401 or 403 under the service's name, as go-micro's
 * {@code AuthHandler} does.
 */
public final class AuthGuard implements CallGuard {

    private final Authorizer authorizer;

    public AuthGuard(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public Mono<Void> admit(CallContext context) {
        return authorizer.authorize(context.service(), context.metadata(), context.endpoint(),
                context.endpointMetadata()).then();
    }
}
