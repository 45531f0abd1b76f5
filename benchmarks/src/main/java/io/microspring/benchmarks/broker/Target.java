package io.microspring.benchmarks.broker;

import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

/**
 * One way of moving the benchmark's messages from a publisher to a subscriber: a raw client library
 * or one of our brokers. Each message carries the {@link System#nanoTime()} of its publication.
 */
interface Target extends AutoCloseable {

    /** Bytes of every message body. */
    int PAYLOAD_SIZE = 128;

    /** The row label. */
    String name();

    /** Subscribes; {@code received} gets the publication time of each message that arrives. */
    void start(LongConsumer received);

    /** Publishes {@code count} messages as fast as the target allows. */
    void publishAll(int count);

    /** Publishes one message, stamped now. */
    void publishOne();

    @Override
    void close();

    /** A body of {@link #PAYLOAD_SIZE} bytes starting with the current {@link System#nanoTime()}. */
    static byte[] stampedPayload() {
        byte[] body = new byte[PAYLOAD_SIZE];
        ByteBuffer.wrap(body).putLong(System.nanoTime());
        return body;
    }

    /** The publication time in a body from {@link #stampedPayload()}. */
    static long stampOf(byte[] body) {
        return ByteBuffer.wrap(body).getLong();
    }
}
