package io.microspring.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import io.microspring.annotation.MicroService;
import io.microspring.transport.Transport;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;
import io.microspring.net.TlsSettings;

/**
 * The transport chosen by {@code micro.transport}: go-micro's HTTP transport on Reactor Netty. With
 * Micrometer present and {@code micro.metrics.enabled} not false, its pool reports its connections
 * per node. With {@code micro.transport.tls.enabled} every connection is TLS, set up by the SSL bundle
 * {@code micro.transport.tls.bundle} names.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@EnableConfigurationProperties({MicroTransportProperties.class, MicroTransportTlsProperties.class})
public class MicroTransportAutoConfiguration {

    private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";
    private static final String BUNDLE_PROPERTY = "micro.transport.tls.bundle";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Transport.class)
    @ConditionalOnProperty(name = "micro.transport", havingValue = "http", matchIfMissing = true)
    HttpTransport microTransport(MicroTransportProperties properties, MicroTransportTlsProperties tls,
            ObjectProvider<SslBundles> sslBundles, Environment environment, ListableBeanFactory beans) {
        TlsSettings transportTls = SslBundleLookup.tlsSettings(BUNDLE_PROPERTY, tls, tls.getClientAuth(), sslBundles);
        boolean serves = beans.getBeanNamesForAnnotation(MicroService.class).length > 0;
        if (transportTls != null && !transportTls.hasCertificate() && serves) {
            throw new InvalidConfigurationPropertyValueException(BUNDLE_PROPERTY, tls.getBundle(), "this application"
                    + " serves @MicroService beans over TLS, so it needs an SSL bundle whose key store holds the"
                    + " server's certificate and private key (spring.ssl.bundle.pem.<name>.keystore.certificate and"
                    + " .private-key)");
        }
        boolean poolMetrics = ClassUtils.isPresent(MICROMETER, getClass().getClassLoader())
                && environment.getProperty("micro.metrics.enabled", Boolean.class, true);
        return new HttpTransport(new HttpTransportSettings(
                Properties.atLeast("micro.client-pool-size", properties.getClientPoolSize(), 1),
                Properties.positive("micro.client-pool-ttl", properties.getClientPoolTtl()),
                Properties.bytes("micro.server-max-body-size", properties.getServerMaxBodySize(), 1),
                Properties.bytes("micro.server-max-header-size", properties.getServerMaxHeaderSize(), 1024))
                .withPoolMetrics(poolMetrics)
                .withTls(transportTls));
    }
}
