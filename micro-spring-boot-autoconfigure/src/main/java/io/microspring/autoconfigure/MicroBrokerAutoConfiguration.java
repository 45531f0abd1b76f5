package io.microspring.autoconfigure;

import java.net.URI;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.microspring.broker.Broker;
import io.microspring.broker.http.HttpBroker;
import io.microspring.broker.http.HttpBrokerSettings;
import io.microspring.broker.memory.MemoryBroker;
import io.microspring.broker.nats.NatsBroker;
import io.microspring.broker.nats.NatsBrokerSettings;
import io.microspring.broker.rabbitmq.RabbitMqBroker;
import io.microspring.broker.rabbitmq.RabbitMqBrokerSettings;
import io.microspring.net.TlsSettings;
import io.microspring.registry.Registry;

/**
 * The broker chosen by {@code micro.broker}, created only when the application defines no
 * {@link Broker} of its own: http (go-micro's default, through the caching registry), nats,
 * rabbitmq or memory. The NATS and RabbitMQ brokers connect when they are created, so a broker
 * that cannot be reached stops startup naming its address; a missing client library stops it
 * naming the starter to add.
 */
@AutoConfiguration(after = MicroRegistryCacheAutoConfiguration.class,
        afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@EnableConfigurationProperties({MicroBrokerProperties.class, MicroBrokerTlsProperties.class})
public class MicroBrokerAutoConfiguration {

    private static final String BROKER_PROPERTY = "micro.broker";
    private static final String ADDRESS_PROPERTY = "micro.broker-address";
    private static final int MAX_PREFETCH_COUNT = 65535;

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = BROKER_PROPERTY, havingValue = "http", matchIfMissing = true)
    static class Http {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(Broker.class)
        HttpBroker microBroker(MicroBrokerProperties properties, MicroBrokerTlsProperties tls, Registry registry,
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

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = BROKER_PROPERTY, havingValue = "memory")
    static class Memory {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(Broker.class)
        MemoryBroker microBroker() {
            return new MemoryBroker();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.nats.client.Nats")
    @ConditionalOnProperty(name = BROKER_PROPERTY, havingValue = "nats")
    static class Nats {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(Broker.class)
        NatsBroker microBroker(MicroBrokerProperties properties, ObjectProvider<SslBundles> sslBundles) {
            MicroBrokerProperties.Nats nats = properties.getNats();
            if (nats.getUsername() != null && nats.getPassword() == null) {
                throw new InvalidConfigurationPropertyValueException("micro.nats.password", null,
                        "it must be set together with micro.nats.username (" + nats.getUsername() + ")");
            }
            NatsBroker broker = new NatsBroker(new NatsBrokerSettings(properties.getBrokerAddress(), nats.getUsername(),
                    nats.getPassword(), nats.getToken(), nats.getCredentialsFile(),
                    sslContext(sslBundles, nats.getSslBundle(), "micro.nats.ssl-bundle"),
                    Properties.positive("micro.nats.connection-timeout", nats.getConnectionTimeout()),
                    Properties.positive("micro.nats.reconnect-wait", nats.getReconnectWait()),
                    Properties.atLeast("micro.nats.max-reconnects", nats.getMaxReconnects(),
                            NatsBrokerSettings.UNLIMITED_RECONNECTS)));
            broker.connect();
            return broker;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("io.nats.client.Nats")
    @ConditionalOnProperty(name = BROKER_PROPERTY, havingValue = "nats")
    static class NatsClientMissing {

        @Bean
        @ConditionalOnMissingBean(Broker.class)
        Broker microBroker() {
            throw new MissingPluginException(MissingPluginException.Plugin.NATS);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.rabbitmq.client.ConnectionFactory")
    @ConditionalOnProperty(name = BROKER_PROPERTY, havingValue = "rabbitmq")
    static class RabbitMq {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(Broker.class)
        RabbitMqBroker microBroker(MicroBrokerProperties properties, ObjectProvider<SslBundles> sslBundles) {
            MicroBrokerProperties.Rabbitmq rabbitmq = properties.getRabbitmq();
            if (rabbitmq.getExchange() == null || rabbitmq.getExchange().isBlank()) {
                throw new InvalidConfigurationPropertyValueException("micro.rabbitmq.exchange", rabbitmq.getExchange(),
                        "it must name an exchange, such as micro");
            }
            int prefetchCount = rabbitmq.getPrefetchCount();
            if (prefetchCount < 0 || prefetchCount > MAX_PREFETCH_COUNT) {
                throw new InvalidConfigurationPropertyValueException("micro.rabbitmq.prefetch-count", prefetchCount,
                        "it must be from 0 (no limit) to " + MAX_PREFETCH_COUNT);
            }
            RabbitMqBrokerSettings settings;
            try {
                settings = new RabbitMqBrokerSettings(uris(properties.getBrokerAddress()), rabbitmq.getExchange(),
                        rabbitmq.isExchangeDurable(), prefetchCount, rabbitmq.isPublisherConfirms(),
                        rabbitmq.isPersistentMessages(),
                        Properties.atLeast("micro.rabbitmq.requeue-limit", rabbitmq.getRequeueLimit(), 0),
                        rabbitmq.getDeadLetterExchange(),
                        sslContext(sslBundles, rabbitmq.getSslBundle(), "micro.rabbitmq.ssl-bundle"),
                        Properties.positive("micro.rabbitmq.recovery-interval", rabbitmq.getRecoveryInterval()));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationPropertyValueException("micro.rabbitmq.dead-letter-exchange",
                        rabbitmq.getDeadLetterExchange(), e.getMessage());
            }
            RabbitMqBroker broker = new RabbitMqBroker(settings);
            broker.connect();
            return broker;
        }

        /** The addresses as URIs; a bare host:port gets {@code amqp://}. */
        private static List<URI> uris(List<String> addresses) {
            return addresses.stream().map(String::trim).filter(address -> !address.isEmpty())
                    .map(RabbitMq::uri).toList();
        }

        private static URI uri(String address) {
            URI uri;
            try {
                uri = URI.create(address.contains("://") ? address : "amqp://" + address);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !("amqp".equals(uri.getScheme()) || "amqps".equals(uri.getScheme()))) {
                throw new InvalidConfigurationPropertyValueException(ADDRESS_PROPERTY, address,
                        "it must be an amqp:// or amqps:// URI such as amqp://user:password@host:5672/vhost");
            }
            return uri;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("com.rabbitmq.client.ConnectionFactory")
    @ConditionalOnProperty(name = BROKER_PROPERTY, havingValue = "rabbitmq")
    static class RabbitMqClientMissing {

        @Bean
        @ConditionalOnMissingBean(Broker.class)
        Broker microBroker() {
            throw new MissingPluginException(MissingPluginException.Plugin.RABBITMQ);
        }
    }

    /** The SSL context of bundle {@code name} ({@code spring.ssl.bundle.*}), or {@code null} when none is named. */
    private static SSLContext sslContext(ObjectProvider<SslBundles> sslBundles, String name, String property) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return SslBundleLookup.find(property, name, sslBundles).createSslContext();
    }
}
