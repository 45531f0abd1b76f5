package io.microspring.broker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes numbered messages ({@code m0}, {@code m1}, ...) to one topic on a thread of its own,
 * with a pause between them, until closed; keeps the ids of the publishes that succeeded and
 * counts those that failed.
 */
final class SteadyPublisher implements AutoCloseable {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> ids = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    SteadyPublisher(Broker broker, String topic, long pauseMillis) {
        thread = new Thread(() -> {
            for (int n = 0; running; n++) {
                String id = "m" + n;
                try {
                    broker.publish(topic, BrokerScenarios.message(id, "{}")).block(PUBLISH_TIMEOUT);
                    ids.add(id);
                } catch (RuntimeException e) { // refused, or not confirmed in time
                    failures.incrementAndGet();
                }
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "steady-publisher");
        thread.start();
    }

    /** How many publishes succeeded so far. */
    int published() {
        return ids.size();
    }

    /** The ids of the publishes that succeeded, in order. */
    List<String> ids() {
        return List.copyOf(ids);
    }

    /** How many publishes failed. */
    int failures() {
        return failures.get();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(PUBLISH_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
