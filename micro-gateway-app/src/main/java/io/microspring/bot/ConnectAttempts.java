package io.microspring.bot;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The thread on which an input connects: one attempt now, another after {@code delay} each time
 * an attempt fails or the connection is lost, none once closed.
 */
final class ConnectAttempts implements AutoCloseable {

    private final ScheduledExecutorService thread;
    private final Duration delay;
    private final Runnable attempt;
    private boolean closed;

    ConnectAttempts(String threadName, Duration delay, Runnable attempt) {
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread connecting = new Thread(task, threadName);
            connecting.setDaemon(true);
            return connecting;
        });
        this.delay = delay;
        this.attempt = attempt;
    }

    /** Runs an attempt at once. */
    synchronized void now() {
        if (!closed) {
            thread.execute(attempt);
        }
    }

    /** Runs an attempt after the delay. */
    synchronized void later() {
        if (!closed) {
            thread.schedule(attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The wait between attempts. */
    Duration delay() {
        return delay;
    }

    /** Whether {@link #close()} was called: an attempt that succeeds after it must undo itself. */
    synchronized boolean closed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        thread.shutdownNow();
    }
}
