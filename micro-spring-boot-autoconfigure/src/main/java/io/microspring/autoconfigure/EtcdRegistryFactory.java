package io.microspring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;

import io.microspring.registry.etcd.EtcdRegistry;
import io.microspring.registry.etcd.EtcdSettings;

/**
 * Creates the etcd registry for {@code micro.registry=etcd}; {@link MicroRegistryAutoConfiguration}
 * calls it only once jetcd is known to be on the class path, so that this class, which needs it, loads
 * only then.
 */
final class EtcdRegistryFactory {

    private EtcdRegistryFactory() {
    }

    static EtcdRegistry create(MicroRegistryProperties registry, MicroEtcdProperties etcd,
            ObjectProvider<SslBundles> bundles, Environment environment) {
        String username = etcd.getUsername() != null ? etcd.getUsername() : environment.getProperty("ETCD_USERNAME");
        String password = etcd.getPassword() != null ? etcd.getPassword() : environment.getProperty("ETCD_PASSWORD");
        return new EtcdRegistry(new EtcdSettings(registry.getRegistryAddress(), username, password,
                Properties.positive("micro.etcd.dial-timeout", etcd.getDialTimeout()), tls(etcd.getTls(), bundles)));
    }

    private static EtcdSettings.Tls tls(MicroTlsProperties tls, ObjectProvider<SslBundles> bundles) {
        if (!tls.isEnabled()) {
            return null;
        }
        if (tls.getBundle() == null || tls.getBundle().isBlank()) {
            return new EtcdSettings.Tls(null, null);
        }
        SslBundle bundle = SslBundleLookup.find("micro.etcd.tls.bundle", tls.getBundle(), bundles);
        return new EtcdSettings.Tls(bundle.getManagers().getKeyManagerFactory(),
                bundle.getManagers().getTrustManagerFactory());
    }
}
