package io.microspring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.microspring.server.CallContext;
import io.microspring.server.HandlerWrapper;
import reactor.core.publisher.Mono;

/**
 * Observes every call a server handles as {@value ServerCallConvention#NAME}, continuing the
 * caller's trace from the call's metadata. Add it first so that it sees what other wrappers do.
 */
public final class ObservingHandlerWrapper implements HandlerWrapper {

    private final ObservationRegistry registry;
    private final ServerCallConvention convention;

    /** Recording in {@code registry}, named and tagged by {@code convention}. */
    public ObservingHandlerWrapper(ObservationRegistry registry, ServerCallConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    public Mono<Object> wrap(CallContext context, Object request, Next next) {
        ServerCallObservationContext observed = new ServerCallObservationContext(context.service(),
                context.endpoint(), context.metadata());
        Observation observation = Observation.createNotStarted(convention, () -> observed, registry);
        return ObservedMono.observeHandling(context, observation, observed::outcome,
                () -> next.proceed(context, request));
    }
}
