package io.microspring.registry;

/** The registry could not be reached or refused an operation; the message names the registry and address. */
public final class RegistryException extends RuntimeException {

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }

    public RegistryException(String message) {
        super(message);
    }
}
