package io.microspring.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Makes a call in a loop on a thread of its own until closed, counting the answers (by value, such
 * as the name of the node that answered) and keeping the failures.
 */
public final class CallLoop implements AutoCloseable {

    private static final long PAUSE_MILLIS = 20;

    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts calling {@code call}, with a short pause after each call. */
    public CallLoop(Supplier<String> call) {
        thread = new Thread(() -> {
            while (running) {
                try {
                    answers.computeIfAbsent(call.get(), answer -> new AtomicInteger()).incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
                try {
                    Thread.sleep(PAUSE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cluster-calls");
        thread.start();
    }

    /** How many calls were answered so far. */
    public int answered() {
        return answers.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The answers by value and the number of failures, for the report. */
    public String summary() {
        return answered() + " calls answered " + answers + ", " + failures.size() + " failed";
    }

    /** Fails with the failed calls, if any. */
    public void assertNoFailure() {
        assertThat(failures).as("calls that failed").isEmpty();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
