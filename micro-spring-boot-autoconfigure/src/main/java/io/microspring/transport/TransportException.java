package io.microspring.transport;

import javax.net.ssl.SSLHandshakeException;

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

    /** A failed TLS handshake with {@code address}: the node read no message, so it may be retried elsewhere. */
    public static TransportException handshakeFailed(String address, SSLHandshakeException error) {
        return new TransportException(address, true, "TLS handshake with node " + address + " failed: "
                + error.getMessage(), error);
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
