package io.microspring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.microspring.client.AttemptWrapper;
import io.microspring.client.CallWrapper;
import io.microspring.client.ClientCall;
import io.microspring.metadata.Metadata;
import reactor.core.publisher.Mono;

/**
 * Observes each attempt of a client call as {@value ClientCallConvention#NAME}, tagged with the
 * retry it is; a tracer's headers travel in the attempt's metadata.
 */
public final class ObservingAttemptWrapper implements AttemptWrapper {

    private final ObservationRegistry registry;
    private final ClientCallConvention convention;

    /** Recording in {@code registry}, named and tagged by {@code convention}. */
    public ObservingAttemptWrapper(ObservationRegistry registry, ClientCallConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    public Mono<Object> wrap(ClientCall call, int retry, CallWrapper.Next next) {
        return Mono.deferContextual(reactorContext -> {
            Metadata.Builder metadata = Metadata.builder();
            call.metadata().asMap().forEach(metadata::put);
            ClientCallObservationContext observed = new ClientCallObservationContext(call.service(), call.endpoint(),
                    retry, metadata);
            Observation observation = Observation.createNotStarted(convention, () -> observed, registry)
                    .parentObservation(ObservedMono.parent(reactorContext, registry));
            return ObservedMono.observe(observation, observed::outcome, () -> next.proceed(new ClientCall(
                    call.service(), call.endpoint(), call.request(), call.responseType(), call.options(),
                    metadata.build())));
        });
    }
}
