package io.microspring.transport;

/** A transport could not listen on an address: another process holds the port, or the host is not this machine's. */
public final class ListenException extends RuntimeException {

    private final String address;
    private final String reason;

    /** Listening on {@code address} failed for {@code reason} ({@code Address already in use}). */
    public ListenException(String address, String reason, Throwable cause) {
        super("Cannot listen on " + address + ": " + reason, cause);
        this.address = address;
        this.reason = reason;
    }

    /** The address as configured, {@code host:port}. */
    public String address() {
        return address;
    }

    /** Why listening failed, as the operating system said it. */
    public String reason() {
        return reason;
    }
}
