package io.microspring.gateway.edge;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Writes the access log off the event loops: a request's line is queued as its values, and one
 * background thread formats and logs whatever has queued every {@value #DRAIN_MILLIS} ms, so that
 * an event loop neither formats a line nor wakes a thread per request. When the queue is full
 * ({@value #MAX_QUEUED} lines by default), new lines are dropped, and the next drain says how many.
 */
final class AccessLogWriter implements AutoCloseable {

    /** Marks the last line of a drain: an appender that buffers lines writes them out then ({@link AccessLogConsoleAppender}). */
    static final Marker END_OF_BATCH = MarkerFactory.getMarker("ACCESS_LOG_END_OF_BATCH");

    static final long DRAIN_MILLIS = 50;
    static final int MAX_QUEUED = 65_536;

    private final Logger log;
    private final int maxQueued;
    private final Queue<Line> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final ScheduledExecutorService drainer = Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("micro-access-log", true));

    /**
     * Writing to {@code log} at info level (nothing is queued while that level is off), keeping at
     * most {@code maxQueued} lines waiting, draining every {@code drainMillis} ms.
     */
    AccessLogWriter(Logger log, int maxQueued, long drainMillis) {
        this.log = log;
        this.maxQueued = maxQueued;
        drainer.scheduleWithFixedDelay(this::drain, drainMillis, drainMillis, TimeUnit.MILLISECONDS);
    }

    /** Writing to the access log's logger with the default queue and interval. */
    AccessLogWriter() {
        this(LoggerFactory.getLogger(RequestLog.LOGGER), MAX_QUEUED, DRAIN_MILLIS);
    }

    /** Queues one request's line: method, path, service, endpoint, status and duration. */
    void write(String method, String path, String service, String endpoint, int status, long millis) {
        if (!log.isInfoEnabled()) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.offer(new Line(method, path, service, endpoint, status, millis));
    }

    /** Writes what has queued, then stops the background thread. */
    @Override
    public void close() {
        drainer.shutdown();
        try {
            drainer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }

    /** Logs what has queued, each line once the next is known, so that the last can be marked {@link #END_OF_BATCH}. */
    private void drain() {
        StringBuilder text = new StringBuilder(128);
        String previous = null;
        Line line;
        while ((line = queue.poll()) != null) {
            queued.decrementAndGet();
            if (previous != null) {
                log.info(previous);
            }
            // one string built here, so that the logger does not scan a pattern for placeholders per line
            text.setLength(0);
            text.append(line.method()).append(' ').append(line.path()).append(' ').append(line.service()).append(' ')
                    .append(line.endpoint()).append(' ').append(line.status()).append(' ').append(line.millis())
                    .append("ms");
            previous = text.toString();
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            if (previous != null) {
                log.info(previous);
            }
            log.warn(END_OF_BATCH, "{} access log lines were dropped: {} were already waiting to be written", lost,
                    maxQueued);
        } else if (previous != null) {
            log.info(END_OF_BATCH, previous);
        }
    }

    private record Line(String method, String path, String service, String endpoint, int status, long millis) {
    }
}
