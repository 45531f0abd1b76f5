package io.microspring.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

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
        return call.timeout(expiry(Math.max(0, timeout.toNanos())));
    }

    private static Mono<Long> expiry(long nanos) {
        if (nanos == 0) {
            return Mono.just(0L);
        }
        return Mono.create(sink -> {
            Timeout timeout = TIMER.newTimeout(expired -> sink.success(0L), nanos, TimeUnit.NANOSECONDS);
            sink.onCancel(timeout::cancel);
        });
    }
}
