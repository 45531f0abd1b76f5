package io.microspring.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Ends calls at their deadline. Every call has one, and nearly all finish long before it, so the
 * deadline must cost next to nothing: Reactor's {@code timeout(Duration)} schedules on a
 * {@code ScheduledThreadPoolExecutor}, which takes a lock and wakes a thread for every call and
 * again to cancel. A hashed wheel timer only enqueues (and dequeues on cancel) without waking
 * anyone; its one daemon thread ticks every {@value #TICK_MILLIS} ms, which is how precise a
 * deadline is. A process that loads no Netty (the {@code micro} CLI, calling over plain
 * sockets) makes a call or two, so it takes the JDK's scheduler instead of starting Netty for the
 * timer ({@link #withinOnJdkScheduler}). Both timers are process-wide, as Reactor's own
 * schedulers are, and created on first use. Not API.
 */
public final class Deadlines {

    static final long TICK_MILLIS = 10;

    private Deadlines() {
    }

    /**
     * {@code call}, failing with a {@link java.util.concurrent.TimeoutException} if it has not
     * answered within {@code timeout} (at once when the timeout is zero or negative); on Netty's
     * hashed wheel timer.
     */
    public static <T> Mono<T> within(Mono<T> call, Duration timeout) {
        return within(call, timeout, Wheel::schedule);
    }

    /** As {@link #within}, on a scheduled executor of the JDK: no Netty class is loaded. */
    public static <T> Mono<T> withinOnJdkScheduler(Mono<T> call, Duration timeout) {
        return within(call, timeout, JdkScheduler::schedule);
    }

    private static <T> Mono<T> within(Mono<T> call, Duration timeout, Timer timer) {
        // not call.timeout(expiry): Reactor's timeout operator builds its operator-name description
        // (class names, lower-cased) on every subscription, a cost per call for a message never shown
        return Mono.firstWithSignal(call, expiry(Math.max(0, timeout.toNanos()), timer));
    }

    private static <T> Mono<T> expiry(long nanos, Timer timer) {
        if (nanos == 0) {
            return Mono.error(new TimeoutException("the deadline had passed before the call started"));
        }
        return Mono.create(sink -> sink.onCancel(timer.schedule(() -> sink.error(new TimeoutException(
                "no answer within " + Duration.ofNanos(nanos))), nanos)));
    }

    /** Runs a task after a delay; disposing the result cancels it. */
    @FunctionalInterface
    private interface Timer {
        Disposable schedule(Runnable task, long nanos);
    }

    /** Netty's hashed wheel timer, started when the first deadline is set on it. */
    private static final class Wheel {

        private static final HashedWheelTimer TIMER = new HashedWheelTimer(
                new DefaultThreadFactory("micro-deadline", true), TICK_MILLIS, TimeUnit.MILLISECONDS, 1024);

        static Disposable schedule(Runnable task, long nanos) {
            Timeout timeout = TIMER.newTimeout(expired -> task.run(), nanos, TimeUnit.NANOSECONDS);
            return timeout::cancel;
        }
    }

    /** One daemon thread of the JDK's scheduled executor, started when the first deadline is set on it. */
    private static final class JdkScheduler {

        private static final ScheduledThreadPoolExecutor EXECUTOR = executor();

        static Disposable schedule(Runnable task, long nanos) {
            ScheduledFuture<?> future = EXECUTOR.schedule(task, nanos, TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        }

        private static ScheduledThreadPoolExecutor executor() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "micro-deadline");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }
}
