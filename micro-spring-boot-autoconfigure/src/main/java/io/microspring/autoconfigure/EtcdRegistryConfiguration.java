package io.microspring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.microspring.registry.Registry;
import io.microspring.registry.etcd.EtcdRegistry;
import io.microspring.registry.etcd.EtcdSettings;

/**
 * The etcd registry when {@code micro.registry=etcd} and jetcd is on the class path (otherwise
 * {@link MicroRegistryCacheAutoConfiguration} names the dependency to add).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.etcd.jetcd.Client")
@ConditionalOnProperty(name = "micro.registry", havingValue = "etcd")
@EnableConfigurationProperties(MicroEtcdProperties.class)
class EtcdRegistryConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Registry.class)
    EtcdRegistry microEtcdRegistry(MicroRegistryProperties registry, MicroEtcdProperties etcd,
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
