package io.microspring.transport;

/**
 * A message could not be exchanged with a node. {@link #unprocessed()} is {@code true} only when
 * the request provably never reached the node (connection refused, no connection from the pool),
 * which is what makes a retry on another node safe.
 */
public final class TransportException extends RuntimeException {

    private final String address;
    private final boolean unprocessed;

    public TransportException(String address, boolean unprocessed, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
        this.unprocessed = unprocessed;
    }

    /** The node's {@code host:port}. */
    public String address() {
        return address;
    }

    /** Whether the request provably was not sent. */
    public boolean unprocessed() {
        return unprocessed;
    }
}
