package io.microspring.transport.http;

import java.io.IOException;

import javax.net.ssl.SSLHandshakeException;

import io.microspring.net.NettyTls;
import io.microspring.transport.TransportException;

/**
 * How the Netty client's failures are told to callers ({@link NodeFailures}), a refused TLS
 * handshake included: the node read nothing of the request, as when there is no connection.
 */
final class ClientFailures {

    private ClientFailures() {
    }

    /** No connection, or a refused TLS handshake: either way the node read no message. */
    static TransportException connect(String address, Throwable error) {
        SSLHandshakeException handshake = NettyTls.handshakeFailure(error);
        return handshake != null ? TransportException.handshakeFailed(address, handshake)
                : NodeFailures.connect(address, error);
    }

    /**
     * A failure of an exchange: processed, unless it is a refused TLS handshake (with TLS 1.3 a
     * client learns of it only when it reads, after it has sent its request).
     */
    static TransportException exchange(String address, Throwable error) {
        SSLHandshakeException handshake = NettyTls.handshakeFailure(error);
        return handshake != null ? TransportException.handshakeFailed(address, handshake)
                : NodeFailures.exchange(address, error);
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
