package io.microspring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/** Finds the SSL bundle ({@code spring.ssl.bundle.*}) a property names, or says where to define it. */
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
}
