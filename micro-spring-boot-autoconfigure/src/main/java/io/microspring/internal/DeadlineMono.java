package io.microspring.internal;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * A call that fails with a {@link TimeoutException} unless it signals within its deadline, as one
 * subscriber: the first of the call's signal and the timer's ends it, the timer is cancelled when
 * the call signals first, the call is cancelled when the timer fires first. A call that answers
 * while it is being subscribed wins even over a deadline already past, as the first signal does.
 */
final class DeadlineMono<T> extends Mono<T> {

    private final Mono<T> call;
    private final long nanos;
    private final Deadlines.Timer timer;

    DeadlineMono(Mono<T> call, long nanos, Deadlines.Timer timer) {
        this.call = call;
        this.nanos = nanos;
        this.timer = timer;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        DeadlineSubscriber<T> subscriber = new DeadlineSubscriber<>(actual);
        call.subscribe(subscriber);
        if (nanos == 0) {
            subscriber.expire(new TimeoutException("the deadline had passed before the call started"));
        } else if (!subscriber.isDone()) {
            subscriber.expireAt(timer.schedule(() -> subscriber.expire(new TimeoutException("no answer within "
                    + Duration.ofNanos(nanos))), nanos));
        }
    }

    private static final class DeadlineSubscriber<T> extends PassingSubscriber<T> {

        /** Neither the call nor the timer has signalled. */
        private static final int WAITING = 0;
        /** The call has answered in time, its completion is still to come. */
        private static final int ANSWERED = 1;
        /** Ended: by the call, the timer or a cancellation. */
        private static final int ENDED = 2;

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<DeadlineSubscriber> STATE =
                AtomicIntegerFieldUpdater.newUpdater(DeadlineSubscriber.class, "state");

        private volatile int state;
        private volatile Disposable expiry;

        DeadlineSubscriber(CoreSubscriber<? super T> actual) {
            super(actual);
        }

        boolean isDone() {
            return state != WAITING;
        }

        /** Keeps the timer's handle to cancel it, or cancels it at once when the call has signalled meanwhile. */
        void expireAt(Disposable timeout) {
            expiry = timeout;
            if (state != WAITING) {
                timeout.dispose();
            }
        }

        void expire(TimeoutException timeout) {
            if (STATE.compareAndSet(this, WAITING, ENDED)) {
                upstream.cancel();
                actual.onError(timeout);
            }
        }

        @Override
        public void onNext(T value) {
            if (STATE.compareAndSet(this, WAITING, ANSWERED)) {
                stopTimer();
                actual.onNext(value);
            } else {
                Operators.onDiscard(value, actual.currentContext());
            }
        }

        @Override
        public void onError(Throwable error) {
            if (end()) {
                actual.onError(error);
            } else {
                Operators.onErrorDropped(error, actual.currentContext());
            }
        }

        @Override
        public void onComplete() {
            if (end()) {
                actual.onComplete();
            }
        }

        @Override
        public void cancel() {
            if (end()) {
                upstream.cancel();
            }
        }

        /** Whether the call ends with this signal rather than having ended already; the timer is stopped. */
        private boolean end() {
            while (true) {
                int current = state;
                if (current == ENDED) {
                    return false;
                }
                if (STATE.compareAndSet(this, current, ENDED)) {
                    stopTimer();
                    return true;
                }
            }
        }

        private void stopTimer() {
            Disposable timeout = expiry;
            if (timeout != null) {
                timeout.dispose();
            }
        }
    }
}
