package io.microspring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.microspring.client.AttemptWrapper;
import io.microspring.client.CallWrapper;
import io.microspring.client.ClientCall;
import io.microspring.metadata.Metadata;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Observes each attempt of a client call as {@value ClientCallConvention#NAME}, tagged with the
 * retry it is, and each stream, open to close with its messages counted, as
 * {@value ClientStreamConvention#NAME}; a tracer's headers travel in the metadata of the attempt,
 * or of every message of the stream.
 */
public final class ObservingAttemptWrapper implements AttemptWrapper {

    private final ObservationRegistry registry;
    private final ClientCallConvention convention;
    private final ClientStreamConvention streamConvention;

    /** Recording in {@code registry}, named and tagged by {@code convention} and {@code streamConvention}. */
    public ObservingAttemptWrapper(ObservationRegistry registry, ClientCallConvention convention,
            ClientStreamConvention streamConvention) {
        this.registry = registry;
        this.convention = convention;
        this.streamConvention = streamConvention;
    }

    @Override
    public Mono<Object> wrap(ClientCall call, int retry, CallWrapper.Next next) {
        return Mono.deferContextual(reactorContext -> {
            Metadata.Builder metadata = metadataOf(call);
            ClientCallObservationContext observed = new ClientCallObservationContext(call.service(), call.endpoint(),
                    retry, metadata);
            Observation observation = Observation.createNotStarted(convention, () -> observed, registry);
            if (observation.isNoop()) { // nothing observes it (the registry's predicates): no tracer headers either
                return next.proceed(call);
            }
            observation.parentObservation(ObservedMono.parent(reactorContext, registry));
            return ObservedMono.observe(observation, observed::outcome,
                    () -> next.proceed(withMetadata(call, metadata)));
        });
    }

    @Override
    public Flux<Object> wrapStream(ClientCall call, Flux<Object> requests, StreamNext next) {
        return Flux.deferContextual(reactorContext -> {
            Metadata.Builder metadata = metadataOf(call);
            ClientStreamObservationContext observed = new ClientStreamObservationContext(call.service(),
                    call.endpoint(), metadata);
            Observation observation = Observation.createNotStarted(streamConvention, () -> observed, registry)
                    .parentObservation(ObservedMono.parent(reactorContext, registry));
            MessageCounts messages = observed.messages();
            return ObservedFlux.observe(observation, observed::outcome,
                    () -> next.proceed(withMetadata(call, metadata), requests.doOnNext(messages::sent))
                            .doOnNext(messages::received));
        });
    }

    /** A builder holding {@code call}'s metadata, for a tracer to add its headers to once the observation starts. */
    private static Metadata.Builder metadataOf(ClientCall call) {
        Metadata.Builder metadata = Metadata.builder();
        call.metadata().asMap().forEach(metadata::put);
        return metadata;
    }

    private static ClientCall withMetadata(ClientCall call, Metadata.Builder metadata) {
        return new ClientCall(call.service(), call.endpoint(), call.request(), call.responseType(), call.options(),
                metadata.build());
    }
}
