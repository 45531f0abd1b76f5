package io.microspring.server.debug;

import java.util.concurrent.atomic.LongAdder;

import io.microspring.server.CallContext;
import io.microspring.server.HandlerWrapper;
import reactor.core.publisher.Mono;

/** Counts the calls a node serves and those that fail, for {@code Debug.Stats}. */
public final class CallCounter implements HandlerWrapper {

    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();

    @Override
    public Mono<Object> wrap(CallContext context, Object request, Next next) {
        requests.increment();
        return next.proceed(context, request).doOnError(error -> errors.increment());
    }

    /** Calls served so far. */
    public long requests() {
        return requests.sum();
    }

    /** Calls that ended in an error. */
    public long errors() {
        return errors.sum();
    }
}
