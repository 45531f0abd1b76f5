package io.microspring.autoconfigure;

import java.security.NoSuchAlgorithmException;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;

import io.microspring.registry.consul.ConsulRegistry;
import io.microspring.registry.consul.ConsulSettings;

/**
 * Creates the Consul registry for {@code micro.registry=consul}; {@link MicroRegistryAutoConfiguration}
 * calls it only once consul-api is known to be on the class path, so that this class, which needs it,
 * loads only then.
 */
final class ConsulRegistryFactory {

    private ConsulRegistryFactory() {
    }

    static ConsulRegistry create(MicroRegistryProperties registry, MicroConsulProperties consul,
            ObjectProvider<SslBundles> bundles, Environment environment) {
        String token = consul.getToken() != null ? consul.getToken() : environment.getProperty("CONSUL_HTTP_TOKEN");
        return new ConsulRegistry(new ConsulSettings(address(registry.getRegistryAddress()), token,
                consul.getDatacenter(), Properties.positive("micro.consul.timeout", consul.getTimeout()),
                Properties.positive("micro.consul.watch-wait", consul.getWatchWait()),
                Properties.positive("micro.consul.restart-grace", consul.getRestartGrace()),
                tls(consul.getTls(), bundles)));
    }

    // a Consul client talks to one agent: its local one
    private static String address(List<String> addresses) {
        if (addresses.size() > 1) {
            throw new InvalidConfigurationPropertyValueException("micro.registry-address", String.join(",", addresses),
                    "the Consul registry talks to one agent (usually the local one): give a single host:port");
        }
        return addresses.isEmpty() ? null : addresses.get(0);
    }

    private static SSLContext tls(MicroTlsProperties tls, ObjectProvider<SslBundles> bundles) {
        if (!tls.isEnabled()) {
            return null;
        }
        if (tls.getBundle() == null || tls.getBundle().isBlank()) {
            try {
                return SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("micro.consul.tls.enabled=true but this JVM has no default TLS context", e);
            }
        }
        return SslBundleLookup.find("micro.consul.tls.bundle", tls.getBundle(), bundles).createSslContext();
    }
}
