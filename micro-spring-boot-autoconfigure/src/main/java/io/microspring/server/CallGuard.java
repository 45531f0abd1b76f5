package io.microspring.server;

import reactor.core.publisher.Mono;

/**
 * A {@link HandlerWrapper} that only decides whether a call may proceed, as an auth check does.
 * Unlike other wrappers, guards also admit every stream before its handler runs.
 */
@FunctionalInterface
public interface CallGuard extends HandlerWrapper {

    /** Completes empty to admit the call, or fails (with a {@code MicroException}) to refuse it. */
    Mono<Void> admit(CallContext context);

    @Override
    default Mono<Object> wrap(CallContext context, Object request, Next next) {
        return admit(context).then(Mono.defer(() -> next.proceed(context, request)));
    }
}
