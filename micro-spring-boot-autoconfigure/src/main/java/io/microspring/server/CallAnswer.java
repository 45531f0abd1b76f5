package io.microspring.server;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.reactivestreams.Subscription;

import io.microspring.metadata.Metadata;
import io.microspring.transport.TransportMessage;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The answer to a call, as one operator rather than a map, a switch-if-empty, an error resume, a
 * context write and a finally per call: the call runs with the caller's metadata in its context;
 * its value, or {@code null} when it completes empty, becomes the answer, an error becomes the
 * error answer, and once the answer has been passed on (or the caller has gone) the call is ended.
 */
final class CallAnswer extends Mono<TransportMessage> {

    private final Mono<Object> call;
    private final Metadata metadata;
    private final Answers answers;

    /**
     * The answer of {@code call}, run with {@code metadata}, made by {@code answers}: the answer of
     * its value or of {@code null}, the error answer of its error (also of an error the answer
     * throws); {@link Answers#ended} once, when the answer has been passed on or the subscriber cancelled.
     */
    CallAnswer(Mono<Object> call, Metadata metadata, Answers answers) {
        this.call = call;
        this.metadata = metadata;
        this.answers = answers;
    }

    /** How the answers of one call are made, and what is done once it has ended: one object per call. */
    interface Answers {

        /** The answer carrying {@code value}, {@code null} when the call completed empty. */
        TransportMessage answer(Object value);

        /** The answer reporting {@code error}. */
        TransportMessage errorAnswer(Throwable error);

        /** The call has ended: its answer was passed on, or the caller has gone. */
        void ended();
    }

    @Override
    public void subscribe(CoreSubscriber<? super TransportMessage> actual) {
        call.subscribe(new AnswerSubscriber(actual, this));
    }

    private static final class AnswerSubscriber extends Operators.MonoSubscriber<Object, TransportMessage> {

        private static final AtomicIntegerFieldUpdater<AnswerSubscriber> ENDED =
                AtomicIntegerFieldUpdater.newUpdater(AnswerSubscriber.class, "ended");

        private final CallAnswer parent;
        private final Context context;
        private Subscription upstream;
        private boolean done;
        private volatile int ended;

        AnswerSubscriber(CoreSubscriber<? super TransportMessage> actual, CallAnswer parent) {
            super(actual);
            this.parent = parent;
            this.context = parent.metadata.into(actual.currentContext());
        }

        @Override
        public Context currentContext() {
            return context;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.validate(upstream, subscription)) {
                upstream = subscription;
                actual.onSubscribe(this);
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(Object value) {
            if (done) {
                Operators.onNextDropped(value, context);
                return;
            }
            done = true;
            answer(value);
        }

        @Override
        public void onComplete() {
            if (!done) {
                done = true;
                answer(null);
            }
        }

        @Override
        public void onError(Throwable error) {
            if (done) {
                Operators.onErrorDropped(error, context);
                return;
            }
            done = true;
            complete(parent.answers.errorAnswer(error));
            end();
        }

        @Override
        public void cancel() {
            super.cancel();
            upstream.cancel();
            end();
        }

        private void answer(Object value) {
            TransportMessage message;
            try {
                message = parent.answers.answer(value);
            } catch (RuntimeException e) {
                message = parent.answers.errorAnswer(e);
            }
            complete(message);
            end();
        }

        private void end() {
            if (ENDED.compareAndSet(this, 0, 1)) {
                parent.answers.ended();
            }
        }
    }
}
