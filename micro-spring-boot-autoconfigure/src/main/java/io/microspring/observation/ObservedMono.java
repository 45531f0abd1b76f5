package io.microspring.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.microspring.internal.PassingSubscriber;
import io.microspring.server.CallContext;
import reactor.core.CoreSubscriber;
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
        return new Observing<>(observation, outcome, work, observation.isNoop() ? null : call);
    }

    /** {@code work}, created once {@code observation} has started, observed by it. */
    static <T> Mono<T> observe(Observation observation, Consumer<Outcome> outcome, Supplier<Mono<T>> work) {
        return new Observing<>(observation, outcome, work, null);
    }

    /**
     * The observed Mono, as one operator and a context write rather than a chain of them per call:
     * on subscription the observation starts, {@code work} is made and subscribed with the
     * observation in its context; an error is recorded (its outcome, then the error) before it passes on, a cancellation
     * records a timeout, and the observation stops once, after the Mono has ended or been cancelled.
     * With a {@code handled} call, the observation is also found by the call's context while it runs.
     */
    private static final class Observing<T> extends Mono<T> {

        private final Observation observation;
        private final Consumer<Outcome> outcome;
        private final Supplier<Mono<T>> work;
        private final CallContext handled;

        Observing(Observation observation, Consumer<Outcome> outcome, Supplier<Mono<T>> work, CallContext handled) {
            this.observation = observation;
            this.outcome = outcome;
            this.work = work;
            this.handled = handled;
        }

        @Override
        public void subscribe(CoreSubscriber<? super T> actual) {
            observation.start();
            if (handled != null) {
                HANDLED.put(handled, observation);
            }
            ObservingSubscriber<T> subscriber = new ObservingSubscriber<>(actual, this);
            Mono<T> started;
            try {
                started = work.get();
            } catch (RuntimeException e) {
                started = Mono.error(e);
            }
            // the observation in the context for what runs within; a contextWrite, which with Reactor's automatic
            // context propagation also sets it as the thread's while the work is subscribed (and a blocking handler
            // is handed to its thread)
            started.contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation))
                    .subscribe(subscriber);
        }

        void stop() {
            if (handled != null) {
                HANDLED.remove(handled);
            }
            observation.stop();
        }
    }

    private static final class ObservingSubscriber<T> extends PassingSubscriber<T> {

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<ObservingSubscriber> STOPPED =
                AtomicIntegerFieldUpdater.newUpdater(ObservingSubscriber.class, "stopped");

        private final Observing<T> parent;
        private volatile int stopped;

        ObservingSubscriber(CoreSubscriber<? super T> actual, Observing<T> parent) {
            super(actual);
            this.parent = parent;
        }

        @Override
        public void onNext(T value) {
            actual.onNext(value);
        }

        @Override
        public void onError(Throwable error) {
            parent.outcome.accept(Outcome.of(error));
            parent.observation.error(error);
            actual.onError(error);
            stop();
        }

        @Override
        public void onComplete() {
            actual.onComplete();
            stop();
        }

        @Override
        public void cancel() {
            if (stopped == 0) {
                parent.outcome.accept(Outcome.TIMEOUT);
            }
            upstream.cancel();
            stop();
        }

        private void stop() {
            if (STOPPED.compareAndSet(this, 0, 1)) {
                parent.stop();
            }
        }
    }
}
