package io.microspring.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import reactor.core.publisher.Mono;

/**
 * Ends calls at their deadline. Every call has one, and nearly all finish long before it, so the
 * deadline must cost next to nothing: Reactor's {@code timeout(Duration)} schedules on a
 * {@code ScheduledThreadPoolExecutor}, which takes a lock and wakes a thread for every call and
 * again to cancel. A hashed wheel timer only enqueues (and dequeues on cancel) without waking
 * anyone; its one daemon thread ticks every {@value #TICK_MILLIS} ms, which is how precise a
 * deadline is. The timer is process-wide, as Reactor's own schedulers are. Not API.
 */
public final class Deadlines {

    static final long TICK_MILLIS = 10;

    private static final HashedWheelTimer TIMER = new HashedWheelTimer(
            new DefaultThreadFactory("micro-deadline", true), TICK_MILLIS, TimeUnit.MILLISECONDS, 1024);

    private Deadlines() {
    }

    /**
     * {@code call}, failing with a {@link java.util.concurrent.TimeoutException} if it has not
     * answered within {@code timeout} (at once when the timeout is zero or negative).
     */
    public static <T> Mono<T> within(Mono<T> call, Duration timeout) {
        // not call.timeout(expiry): Reactor's timeout operator builds its operator-name description
        // (class names, lower-cased) on every subscription, a cost per call for a message never shown
        return Mono.firstWithSignal(call, expiry(Math.max(0, timeout.toNanos())));
    }

    private static <T> Mono<T> expiry(long nanos) {
        if (nanos == 0) {
            return Mono.error(new TimeoutException("the deadline had passed before the call started"));
        }
        return Mono.create(sink -> {
            Timeout timeout = TIMER.newTimeout(expired -> sink.error(new TimeoutException(
                    "no answer within " + Duration.ofNanos(nanos))), nanos, TimeUnit.NANOSECONDS);
            sink.onCancel(timeout::cancel);
        });
    }
}
