package io.microspring.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.microspring.server.CallContext;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Runs a {@link Mono} inside an observation: started on subscription, stopped when the Mono ends,
 * the outcome recorded from its error; cancelled before it ended (a caller's deadline) it is a
 * timeout. The observation is the parent of those made within, through the Reactor context.
 */
final class ObservedMono {

    /**
     * The observations of the calls being handled, by their (identity-compared) context: a blocking
     * handler runs on a thread of its own, which knows its {@link CallContext#current()} but not
     * the Reactor context the observation travels in.
     */
    private static final Map<CallContext, Observation> HANDLED = new ConcurrentHashMap<>();

    private ObservedMono() {
    }

    /**
     * The observation of the caller: the one in the Reactor context, else the one current on this
     * thread, else that of the call a blocking handler on this thread is serving, else none.
     */
    static Observation parent(ContextView context, ObservationRegistry registry) {
        Observation inContext = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (inContext != null) {
            return inContext;
        }
        Observation current = registry.getCurrentObservation();
        return current != null ? current : CallContext.current().map(HANDLED::get).orElse(null);
    }

    /** {@code work}, the handling of {@code call}, observed by {@code observation} as {@link #observe} does. */
    static <T> Mono<T> observeHandling(CallContext call, Observation observation, Consumer<Outcome> outcome,
            Supplier<Mono<T>> work) {
        if (observation.isNoop()) {
            return observe(observation, outcome, work);
        }
        return observe(observation, outcome, () -> {
            HANDLED.put(call, observation);
            try {
                return work.get().doFinally(signal -> HANDLED.remove(call));
            } catch (RuntimeException e) {
                HANDLED.remove(call);
                throw e;
            }
        });
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
