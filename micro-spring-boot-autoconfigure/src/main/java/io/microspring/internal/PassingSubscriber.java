package io.microspring.internal;

import org.reactivestreams.Subscription;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The part every one-operator Mono of the framework shares: it stands between its upstream and
 * {@code actual}, passing the subscription, the demand and the context through; what it does with
 * the signals is its own. Not API.
 *
 * @param <T> the values passed
 */
public abstract class PassingSubscriber<T> implements CoreSubscriber<T>, Subscription {

    /** Where the signals go. */
    protected final CoreSubscriber<? super T> actual;
    /** The subscription upstream, once subscribed. */
    protected Subscription upstream;

    protected PassingSubscriber(CoreSubscriber<? super T> actual) {
        this.actual = actual;
    }

    @Override
    public Context currentContext() {
        return actual.currentContext();
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        if (Operators.validate(upstream, subscription)) {
            upstream = subscription;
            actual.onSubscribe(this);
        }
    }

    @Override
    public void request(long n) {
        upstream.request(n);
    }
}
