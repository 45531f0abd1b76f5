package io.microspring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import io.microspring.transport.Transport;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;

/**
 * The transport chosen by {@code micro.transport}: go-micro's HTTP transport on Reactor Netty. With
 * Micrometer present and {@code micro.metrics.enabled} not false, its pool reports its connections
 * per node.
 */
@AutoConfiguration
@EnableConfigurationProperties(MicroTransportProperties.class)
public class MicroTransportAutoConfiguration {

    private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Transport.class)
    @ConditionalOnProperty(name = "micro.transport", havingValue = "http", matchIfMissing = true)
    HttpTransport microTransport(MicroTransportProperties properties, Environment environment) {
        boolean poolMetrics = ClassUtils.isPresent(MICROMETER, getClass().getClassLoader())
                && environment.getProperty("micro.metrics.enabled", Boolean.class, true);
        return new HttpTransport(new HttpTransportSettings(
                Properties.atLeast("micro.client-pool-size", properties.getClientPoolSize(), 1),
                Properties.positive("micro.client-pool-ttl", properties.getClientPoolTtl()),
                Properties.bytes("micro.server-max-body-size", properties.getServerMaxBodySize(), 1),
                Properties.bytes("micro.server-max-header-size", properties.getServerMaxHeaderSize(), 1024))
                .withPoolMetrics(poolMetrics));
    }
}
