package io.microspring.observation;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;

/**
 * Runs a stream's {@link Flux} inside an observation, open to close: started on subscription,
 * stopped when the Flux ends, the outcome recorded from its error, or as
 * {@link Outcome#CANCELLED} when it was cancelled first. The observation is the parent of those
 * made within, through the Reactor context.
 */
final class ObservedFlux {

    private ObservedFlux() {
    }

    /** {@code work}, created once {@code observation} has started, observed by it. */
    static <T> Flux<T> observe(Observation observation, Consumer<Outcome> outcome, Supplier<Flux<T>> work) {
        return Flux.defer(() -> {
            observation.start();
            Flux<T> started;
            try {
                started = work.get();
            } catch (RuntimeException e) {
                started = Flux.error(e);
            }
            return started
                    .doOnError(error -> {
                        outcome.accept(Outcome.of(error));
                        observation.error(error);
                    })
                    .doOnCancel(() -> outcome.accept(Outcome.CANCELLED))
                    .doFinally(signal -> observation.stop())
                    .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }
}
