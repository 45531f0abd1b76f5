package io.microspring.auth;

/** A token that is malformed, expired, or not signed by a trusted key; its message says which. */
public final class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String message) {
        super(message);
    }

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
