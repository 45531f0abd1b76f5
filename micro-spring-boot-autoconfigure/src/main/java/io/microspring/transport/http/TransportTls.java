package io.microspring.transport.http;

import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS of the HTTP transport, as go-micro's {@code transport.Secure(true)} with a
 * {@code transport.TLSConfig}: every connection of the transport, calls and streams, is TLS, and
 * clients verify the server's certificate chain and its host (the node's address, usually an IP,
 * so the certificate needs it as an IP subject alternative name).
 *
 * @param keyManagers this node's certificate and key: presented by its server, and by its client
 *     when a server asks for one (mutual TLS); {@code null} on a node that only calls
 * @param trustManagers the certificates trusted: servers' (on the client side) and clients' (on the
 *     server side, with {@code clientAuth}); {@code null} for the JVM's trust store
 * @param clientAuth whether the server asks callers for a certificate
 * @param protocols the enabled protocols ({@code TLSv1.3}), empty for the JVM's defaults
 * @param ciphers the enabled cipher suites, empty for the JVM's defaults
 */
public record TransportTls(KeyManagerFactory keyManagers, TrustManagerFactory trustManagers, ClientAuth clientAuth,
        List<String> protocols, List<String> ciphers) {

    public TransportTls {
        Objects.requireNonNull(clientAuth, "clientAuth");
        protocols = List.copyOf(Objects.requireNonNull(protocols, "protocols"));
        ciphers = List.copyOf(Objects.requireNonNull(ciphers, "ciphers"));
    }

    /** Whether this node has a certificate of its own, which its server needs. */
    public boolean hasCertificate() {
        return keyManagers != null;
    }

    /** Whether a server asks a caller for its certificate (the values of Spring's {@code server.ssl.client-auth}). */
    public enum ClientAuth {
        /** Callers are not asked for a certificate. */
        NONE,
        /** Callers are asked; one without a certificate is still served, one with an untrusted certificate is not. */
        WANT,
        /** Only callers with a trusted certificate are served (mutual TLS). */
        NEED
    }
}
