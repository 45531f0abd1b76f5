package io.microspring.autoconfigure;

import java.net.URI;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;

import io.microspring.broker.rabbitmq.RabbitMqBroker;
import io.microspring.broker.rabbitmq.RabbitMqBrokerSettings;

/**
 * Creates and connects the RabbitMQ broker for {@code micro.broker=rabbitmq};
 * {@link MicroBrokerAutoConfiguration} calls it only once the RabbitMQ client is known to be on the class
 * path, so that this class, which needs it, loads only then.
 */
final class RabbitMqBrokerFactory {

    private static final int MAX_PREFETCH_COUNT = 65535;

    private RabbitMqBrokerFactory() {
    }

    static RabbitMqBroker connect(MicroBrokerProperties properties, ObjectProvider<SslBundles> sslBundles) {
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
                    SslBundleLookup.sslContext("micro.rabbitmq.ssl-bundle", rabbitmq.getSslBundle(), sslBundles),
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
                .map(RabbitMqBrokerFactory::uri).toList();
    }

    private static URI uri(String address) {
        URI uri;
        try {
            uri = URI.create(address.contains("://") ? address : "amqp://" + address);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("amqp".equals(uri.getScheme()) || "amqps".equals(uri.getScheme()))) {
            throw new InvalidConfigurationPropertyValueException(MicroBrokerAutoConfiguration.ADDRESS_PROPERTY, address,
                    "it must be an amqp:// or amqps:// URI such as amqp://user:password@host:5672/vhost");
        }
        return uri;
    }
}
