package io.microspring.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

import io.microspring.autoconfigure.MissingPluginException.Plugin;
import io.microspring.broker.Broker;
import io.microspring.broker.http.HttpBroker;
import io.microspring.broker.http.HttpBrokerSettings;
import io.microspring.broker.memory.MemoryBroker;
import io.microspring.net.TlsSettings;
import io.microspring.registry.Registry;

/**
 * The broker chosen by {@code micro.broker}, created only when the application defines no
 * {@link Broker} of its own: http (go-micro's default, through the caching registry), nats,
 * rabbitmq or memory. The choice is made as the bean is created, not by conditions, so that an
 * application processed ahead of time (Spring AOT) still takes any {@code micro.broker} when it starts.
 * The NATS and RabbitMQ brokers connect when they are created, so a broker that cannot be reached
 * stops startup naming its address; a missing client library stops it naming the starter to add.
 */
@AutoConfiguration(after = MicroRegistryCacheAutoConfiguration.class,
        afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@EnableConfigurationProperties({MicroBrokerProperties.class, MicroBrokerTlsProperties.class})
public class MicroBrokerAutoConfiguration {

    static final String ADDRESS_PROPERTY = "micro.broker-address";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Broker.class)
    Broker microBroker(MicroBrokerProperties properties, MicroBrokerTlsProperties tls, Registry registry,
            ObjectProvider<SslBundles> sslBundles, ResourceLoader resourceLoader) {
        return switch (properties.getBroker()) {
            case HTTP -> http(properties, tls, registry, sslBundles);
            case MEMORY -> new MemoryBroker();
            case NATS -> {
                MissingPluginException.requireClient(Plugin.NATS, resourceLoader.getClassLoader());
                yield NatsBrokerFactory.connect(properties, sslBundles);
            }
            case RABBITMQ -> {
                MissingPluginException.requireClient(Plugin.RABBITMQ, resourceLoader.getClassLoader());
                yield RabbitMqBrokerFactory.connect(properties, sslBundles);
            }
        };
    }

    private static HttpBroker http(MicroBrokerProperties properties, MicroBrokerTlsProperties tls, Registry registry,
            ObjectProvider<SslBundles> sslBundles) {
        List<String> addresses = properties.getBrokerAddress();
        if (addresses.size() > 1) {
            throw new InvalidConfigurationPropertyValueException(ADDRESS_PROPERTY, addresses,
                    "the http broker listens on one host:port");
        }
        HttpBrokerSettings settings = HttpBrokerSettings.defaults();
        if (!addresses.isEmpty()) {
            try {
                settings = settings.withAddress(addresses.get(0));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationPropertyValueException(ADDRESS_PROPERTY, addresses.get(0), e.getMessage());
            }
        }
        return new HttpBroker(settings.withTls(SslBundleLookup.tlsSettings("micro.broker.tls.bundle", tls,
                TlsSettings.ClientAuth.NONE, sslBundles)), registry);
    }
}
