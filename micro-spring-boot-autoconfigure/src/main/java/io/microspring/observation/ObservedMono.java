package io.microspring.observation;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Runs a {@link Mono} inside an observation: started on subscription, stopped when the Mono ends,
 * the outcome recorded from its error; cancelled before it ended (a caller's deadline) it is a
 * timeout. The observation is the parent of those made within, through the Reactor context.
 */
final class ObservedMono {

    private ObservedMono() {
    }

    /**
     * The observation of the caller: the one in the Reactor context, else the one current on this
     * thread, else none.
     */
    static Observation parent(ContextView context, ObservationRegistry registry) {
        Observation inContext = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        return inContext != null ? inContext : registry.getCurrentObservation();
    }

    /** {@code work}, created once {@code observation} has started, observed by it. */
    static <T> Mono<T> observe(Observation observation, Consumer<Outcome> outcome, Supplier<Mono<T>> work) {
        return Mono.defer(() -> {
            observation.start();
            Mono<T> started;
            try {
                started = work.get();
            } catch (RuntimeException e) {
                started = Mono.error(e);
            }
            return started
                    .doOnError(error -> {
                        outcome.accept(Outcome.of(error));
                        observation.error(error);
                    })
                    .doOnCancel(() -> outcome.accept(Outcome.TIMEOUT))
                    .doFinally(signal -> observation.stop())
                    .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }
}
