package io.microspring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.microspring.net.TlsSettings;

/**
 * TLS of the RPC transport ({@code micro.transport.tls.*}), go-micro's {@code transport.Secure(true)}
 * with a {@code TLSConfig}: the server, the client and streams all use it. The bundle's key store is
 * the server's certificate (needed by an application that serves), presented as the client
 * certificate too; its trust store checks servers and, with {@code client-auth}, callers.
 */
@ConfigurationProperties("micro.transport.tls")
public class MicroTransportTlsProperties extends MicroTlsProperties {

    /** Whether the server asks callers for a certificate: none, want or need (mutual TLS). */
    private TlsSettings.ClientAuth clientAuth = TlsSettings.ClientAuth.NONE;

    public TlsSettings.ClientAuth getClientAuth() {
        return clientAuth;
    }

    public void setClientAuth(TlsSettings.ClientAuth clientAuth) {
        this.clientAuth = clientAuth;
    }
}
