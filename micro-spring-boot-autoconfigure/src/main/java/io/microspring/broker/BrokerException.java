package io.microspring.broker;

/** A broker could not be reached or refused an operation; the message names the broker, its address and the topic. */
public final class BrokerException extends RuntimeException {

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }

    public BrokerException(String message) {
        super(message);
    }
}
