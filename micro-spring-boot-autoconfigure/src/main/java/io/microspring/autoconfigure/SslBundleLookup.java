package io.microspring.autoconfigure;

import java.util.List;

import javax.net.ssl.SSLContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

import io.microspring.net.TlsSettings;

/**
 * Finds the SSL bundle ({@code spring.ssl.bundle.*}) a property names, or says where to define it;
 * and turns {@code micro.*.tls.*} into the {@link TlsSettings} of a component that serves and calls.
 */
final class SslBundleLookup {

    private SslBundleLookup() {
    }

    /** Bundle {@code name}, named by {@code property}; fails naming both when it is not defined. */
    static SslBundle find(String property, String name, ObjectProvider<SslBundles> bundles) {
        SslBundles available = bundles.getIfAvailable();
        if (available == null) {
            throw new InvalidConfigurationPropertyValueException(property, name,
                    "no SSL bundles are configured: define it under spring.ssl.bundle.pem." + name
                            + " or spring.ssl.bundle.jks." + name);
        }
        try {
            return available.getBundle(name);
        } catch (NoSuchSslBundleException e) {
            throw new InvalidConfigurationPropertyValueException(property, name,
                    "there is no such SSL bundle: define it under spring.ssl.bundle.pem." + name
                            + " or spring.ssl.bundle.jks." + name);
        }
    }

    /** The SSL context of bundle {@code name} (named by {@code property}), {@code null} when none is named. */
    static SSLContext sslContext(String property, String name, ObjectProvider<SslBundles> bundles) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return find(property, name, bundles).createSslContext();
    }

    /**
     * The TLS of {@code tls}'s bundle (named by {@code property}), {@code null} when TLS is off; without
     * a bundle no certificate of its own and the JVM's trust store.
     */
    static TlsSettings tlsSettings(String property, MicroTlsProperties tls, TlsSettings.ClientAuth clientAuth,
            ObjectProvider<SslBundles> bundles) {
        if (!tls.isEnabled()) {
            return null;
        }
        if (tls.getBundle() == null || tls.getBundle().isBlank()) {
            return new TlsSettings(null, null, clientAuth, List.of(), List.of());
        }
        SslBundle bundle = find(property, tls.getBundle(), bundles);
        SslOptions options = bundle.getOptions();
        return new TlsSettings(
                bundle.getStores().getKeyStore() != null ? bundle.getManagers().getKeyManagerFactory() : null,
                bundle.getManagers().getTrustManagerFactory(), clientAuth,
                options.getEnabledProtocols() != null ? List.of(options.getEnabledProtocols()) : List.of(),
                options.getCiphers() != null ? List.of(options.getCiphers()) : List.of());
    }
}
