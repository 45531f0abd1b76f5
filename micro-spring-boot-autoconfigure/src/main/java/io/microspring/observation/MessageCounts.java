package io.microspring.observation;

import java.util.concurrent.atomic.AtomicLong;

/** The messages one side of a stream has sent and received, counted as they pass (from any thread). */
final class MessageCounts {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    void sent(Object message) {
        sent.incrementAndGet();
    }

    void received(Object message) {
        received.incrementAndGet();
    }

    long sent() {
        return sent.get();
    }

    long received() {
        return received.get();
    }
}
