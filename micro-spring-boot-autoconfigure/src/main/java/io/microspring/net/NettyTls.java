package io.microspring.net;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import reactor.netty.tcp.SslProvider;

/**
 * The Reactor Netty {@link SslProvider}s of a {@link TlsSettings}: one for the server side and one
 * for the client side, whose engines also check that the certificate names the host that was
 * dialled, as Go's TLS client does; and the failed handshake behind an error.
 */
public final class NettyTls {

    private NettyTls() {
    }

    /** The server side; fails when the node has no certificate of its own. */
    public static SslProvider server(TlsSettings tls) {
        if (!tls.hasCertificate()) {
            throw new IllegalStateException("TLS is on but this node has no certificate to serve with: the SSL bundle"
                    + " needs a key store (its certificate and private key)");
        }
        SslContextBuilder builder = SslContextBuilder.forServer(tls.keyManagers())
                .trustManager(tls.trustManagers())
                .clientAuth(switch (tls.clientAuth()) {
                    case NONE -> ClientAuth.NONE;
                    case WANT -> ClientAuth.OPTIONAL;
                    case NEED -> ClientAuth.REQUIRE;
                });
        return SslProvider.builder().sslContext(build(options(builder, tls))).build();
    }

    /** The client side: trusts {@link TlsSettings#trustManagers()}, presents the node's certificate when asked. */
    public static SslProvider client(TlsSettings tls) {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .keyManager(tls.keyManagers())
                .trustManager(tls.trustManagers());
        return SslProvider.builder().sslContext(build(options(builder, tls)))
                .handlerConfigurator(NettyTls::verifyHostname)
                .build();
    }

    /**
     * The failed TLS handshake behind {@code error}, or {@code null}. With TLS 1.3 a client learns
     * that the server refused its certificate only when it reads, after it has sent its request; the
     * server has read nothing of it either way.
     */
    public static SSLHandshakeException handshakeFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException handshake) {
                return handshake;
            }
        }
        return null;
    }

    private static SslContextBuilder options(SslContextBuilder builder, TlsSettings tls) {
        if (!tls.protocols().isEmpty()) {
            builder.protocols(tls.protocols());
        }
        if (!tls.ciphers().isEmpty()) {
            builder.ciphers(tls.ciphers());
        }
        return builder;
    }

    private static SslContext build(SslContextBuilder builder) {
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("the transport's TLS settings cannot be used: " + e.getMessage(), e);
        }
    }

    private static void verifyHostname(SslHandler handler) {
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
    }
}
