package io.microspring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.microspring.server.CallContext;
import io.microspring.server.HandlerWrapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Observes every call a server handles as {@value ServerCallConvention#NAME}, and every stream it
 * serves, open to close with its messages counted, as {@value ServerStreamConvention#NAME}; both
 * continue the caller's trace from the call's metadata. Add it first so that it sees what other
 * wrappers do.
 */
public final class ObservingHandlerWrapper implements HandlerWrapper {

    private final ObservationRegistry registry;
    private final ServerCallConvention convention;
    private final ServerStreamConvention streamConvention;

    /** Recording in {@code registry}, named and tagged by {@code convention} and {@code streamConvention}. */
    public ObservingHandlerWrapper(ObservationRegistry registry, ServerCallConvention convention,
            ServerStreamConvention streamConvention) {
        this.registry = registry;
        this.convention = convention;
        this.streamConvention = streamConvention;
    }

    @Override
    public Mono<Object> wrap(CallContext context, Object request, Next next) {
        ServerCallObservationContext observed = new ServerCallObservationContext(context.service(),
                context.endpoint(), context.metadata());
        Observation observation = Observation.createNotStarted(convention, () -> observed, registry);
        return ObservedMono.observeHandling(context, observation, observed::outcome,
                () -> next.proceed(context, request));
    }

    @Override
    public Flux<Object> wrapStream(CallContext context, Flux<Object> requests, StreamNext next) {
        ServerStreamObservationContext observed = new ServerStreamObservationContext(context.service(),
                context.endpoint(), context.metadata());
        Observation observation = Observation.createNotStarted(streamConvention, () -> observed, registry);
        MessageCounts messages = observed.messages();
        return ObservedFlux.observe(observation, observed::outcome,
                () -> next.proceed(context, requests.doOnNext(messages::received)).doOnNext(messages::sent));
    }
}
