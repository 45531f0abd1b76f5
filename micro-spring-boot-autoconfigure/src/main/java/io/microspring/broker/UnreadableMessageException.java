package io.microspring.broker;

/**
 * A message that can never be handled, such as one that cannot be decoded for the subscriber's
 * type: brokers drop it (or dead-letter it, on RabbitMQ) instead of delivering it again.
 */
public final class UnreadableMessageException extends RuntimeException {

    public UnreadableMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
