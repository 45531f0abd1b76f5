package io.microspring.transport.http;

import java.io.IOException;

import javax.net.ssl.SSLHandshakeException;

import io.microspring.net.NettyTls;
import io.microspring.transport.TransportException;

/**
 * How the client's failures are told to callers: whether the node provably read nothing of the
 * request (no connection, a refused TLS handshake), which makes a retry on another node safe, or
 * may have (anything after the request went out).
 */
final class ClientFailures {

    private ClientFailures() {
    }

    /** No connection, or a refused TLS handshake: either way the node read no message. */
    static TransportException connect(String address, Throwable error) {
        SSLHandshakeException handshake = NettyTls.handshakeFailure(error);
        return handshake != null ? TransportException.handshakeFailed(address, handshake)
                : new TransportException(address, true, "cannot connect to node " + address + ": " + error, error);
    }

    /**
     * A failure of an exchange: processed, unless it is a refused TLS handshake (with TLS 1.3 a
     * client learns of it only when it reads, after it has sent its request).
     */
    static TransportException exchange(String address, Throwable error) {
        SSLHandshakeException handshake = NettyTls.handshakeFailure(error);
        return handshake != null ? TransportException.handshakeFailed(address, handshake)
                : new TransportException(address, false, "exchange with node " + address + " failed: " + error, error);
    }

    /**
     * Whether {@code error} says the node reset the connection (or had closed it): data that
     * reaches a closed socket is answered with a reset, so a node that resets a kept-alive
     * connection before any answer did not read the request on it.
     */
    static boolean reset(Throwable error) {
        if (!(error instanceof IOException)) {
            return false;
        }
        String message = error.getMessage();
        return message == null || message.contains("Connection reset") || message.contains("Broken pipe");
    }
}
