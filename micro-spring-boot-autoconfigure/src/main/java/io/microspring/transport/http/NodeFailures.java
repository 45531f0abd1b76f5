package io.microspring.transport.http;

import java.nio.charset.StandardCharsets;

import io.microspring.transport.TransportException;

/**
 * How a failed exchange with a node is told to callers, by every client of the HTTP transport
 * (Reactor Netty's and the plain socket's): no connection means the node read nothing of the
 * request, which makes a retry on another node safe; a failure once the request went out, and any
 * answer but {@code 200} (go-micro's clients take a non-200 status as a transport error), may
 * follow a request the node processed.
 */
final class NodeFailures {

    private NodeFailures() {
    }

    /** No connection to the node: it read no message. */
    static TransportException connect(String address, Throwable error) {
        return new TransportException(address, true, "cannot connect to node " + address + ": " + error, error);
    }

    /** The exchange failed after the connection was made: the node may have processed the request. */
    static TransportException exchange(String address, Throwable error) {
        return new TransportException(address, false, "exchange with node " + address + " failed: " + error, error);
    }

    /** The node answered with {@code status} (code and reason) rather than {@code 200}. */
    static TransportException notOk(String address, String status, byte[] body) {
        return new TransportException(address, false, "the node answered HTTP " + status + ": "
                + new String(body, StandardCharsets.UTF_8), null);
    }
}
