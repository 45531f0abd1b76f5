package io.microspring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.microspring.transport.http.TransportTls;

/**
 * TLS of the RPC transport ({@code micro.transport.tls.*}), go-micro's {@code transport.Secure(true)}
 * with a {@code TLSConfig}: the server, the client and streams all use it.
 */
@ConfigurationProperties("micro.transport.tls")
public class MicroTransportTlsProperties {

    /** Whether the transport's connections, served and called, are TLS. */
    private boolean enabled;

    /**
     * SSL bundle (spring.ssl.bundle.*) with this node's certificate and key (needed to serve; also
     * presented to servers that ask for a client certificate) and the trusted certificates (servers'
     * and, with client-auth, callers'); the JVM's trust store and no certificate when empty.
     */
    private String bundle;

    /** Whether the server asks callers for a certificate: none, want or need (mutual TLS). */
    private TransportTls.ClientAuth clientAuth = TransportTls.ClientAuth.NONE;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getBundle() {
        return bundle;
    }

    public void setBundle(String bundle) {
        this.bundle = bundle;
    }

    public TransportTls.ClientAuth getClientAuth() {
        return clientAuth;
    }

    public void setClientAuth(TransportTls.ClientAuth clientAuth) {
        this.clientAuth = clientAuth;
    }
}
