package io.microspring.server;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link HandlerWrapper} that only decides whether a call or a stream may proceed, as an auth
 * check does: it admits or refuses before the handler runs.
 */
@FunctionalInterface
public interface CallGuard extends HandlerWrapper {

    /** Completes empty to admit the call, or fails (with a {@code MicroException}) to refuse it. */
    Mono<Void> admit(CallContext context);

    @Override
    default Mono<Object> wrap(CallContext context, Object request, Next next) {
        return admit(context).then(Mono.defer(() -> next.proceed(context, request)));
    }

    @Override
    default Flux<Object> wrapStream(CallContext context, Flux<Object> requests, StreamNext next) {
        return admit(context).thenMany(Flux.defer(() -> next.proceed(context, requests)));
    }
}
