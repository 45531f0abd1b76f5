package io.microspring.gateway.route;

/** A request path that cannot name a service; the message says what is wrong with it. */
public final class InvalidPathException extends IllegalArgumentException {

    public InvalidPathException(String message) {
        super(message);
    }
}
