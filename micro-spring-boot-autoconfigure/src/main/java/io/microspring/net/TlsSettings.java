package io.microspring.net;

import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS of a component that serves and calls, as go-micro's {@code Secure(true)} with a
 * {@code TLSConfig} (the HTTP transport's, the HTTP broker's): its connections are TLS both ways,
 * and clients verify the server's certificate chain and its host (a node's address, usually an
 * IP, so the certificate needs it as an IP subject alternative name). Made into Netty's TLS
 * handlers by {@link NettyTls}.
 *
 * @param keyManagers this node's certificate and key: presented by its server, and by its client
 *     when a server asks for one (mutual TLS); {@code null} on a node that only calls
 * @param trustManagers the certificates trusted: servers' (on the client side) and clients' (on the
 *     server side, with {@code clientAuth}); {@code null} for the JVM's trust store
 * @param clientAuth whether the server asks callers for a certificate
 * @param protocols the enabled protocols ({@code TLSv1.3}), empty for the JVM's defaults
 * @param ciphers the enabled cipher suites, empty for the JVM's defaults
 */
public record TlsSettings(KeyManagerFactory keyManagers, TrustManagerFactory trustManagers, ClientAuth clientAuth,
        List<String> protocols, List<String> ciphers) {

    public TlsSettings {
        Objects.requireNonNull(clientAuth, "clientAuth");
        protocols = List.copyOf(Objects.requireNonNull(protocols, "protocols"));
        ciphers = List.copyOf(Objects.requireNonNull(ciphers, "ciphers"));
    }

    /** No certificate of its own, trusting the JVM's trust store: a client with defaults. */
    public static TlsSettings jvmTrust() {
        return new TlsSettings(null, null, ClientAuth.NONE, List.of(), List.of());
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
