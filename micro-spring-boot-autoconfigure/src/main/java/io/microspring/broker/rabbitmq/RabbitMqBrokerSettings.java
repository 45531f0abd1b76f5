package io.microspring.broker.rabbitmq;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * Settings of the {@link RabbitMqBroker}: the node URIs ({@code amqp://user:password@host:port/vhost};
 * {@code amqps://} for TLS, checked against {@code sslContext} or the JVM's trust store; the
 * credentials and virtual host come from the first), the topic exchange (go-micro's {@code micro},
 * not durable), how many unacknowledged messages a subscriber holds, whether publishes wait for
 * the broker's confirmation, whether messages are persistent, how often a failed message is
 * requeued before it goes to the dead-letter exchange, and the pause between reconnection attempts.
 */
public record RabbitMqBrokerSettings(List<URI> uris, String exchange, boolean exchangeDurable, int prefetchCount,
        boolean publisherConfirms, boolean persistentMessages, int requeueLimit, String deadLetterExchange,
        SSLContext sslContext, Duration recoveryInterval) {

    /** go-micro's default node. */
    public static final URI DEFAULT_URI = URI.create("amqp://guest:guest@127.0.0.1:5672");

    /** go-micro's exchange. */
    public static final String DEFAULT_EXCHANGE = "micro";

    /** Unacknowledged messages a subscriber holds at once. */
    public static final int DEFAULT_PREFETCH_COUNT = 100;

    /** Times a message whose handler failed is requeued before it is dead-lettered. */
    public static final int DEFAULT_REQUEUE_LIMIT = 3;

    /** Where dead letters go: a durable topic exchange with a durable queue of the same name bound to it. */
    public static final String DEFAULT_DEAD_LETTER_EXCHANGE = "micro.dead-letter";

    /** The pause between reconnection attempts. */
    public static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(2);

    public RabbitMqBrokerSettings {
        uris = uris == null || uris.isEmpty() ? List.of(DEFAULT_URI) : List.copyOf(uris);
        for (URI uri : uris) {
            if (!"amqp".equalsIgnoreCase(uri.getScheme()) && !"amqps".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("RabbitMQ address must be an amqp:// or amqps:// URI with a host, "
                        + "such as amqp://guest:guest@127.0.0.1:5672, got " + redact(uri));
            }
        }
        requireName(exchange, "exchange");
        requireName(deadLetterExchange, "deadLetterExchange");
        if (exchange.equals(deadLetterExchange)) {
            throw new IllegalArgumentException("the dead-letter exchange must differ from the exchange " + exchange);
        }
        if (prefetchCount < 0 || prefetchCount > 65535) {
            throw new IllegalArgumentException("prefetchCount must be from 0 (unlimited) to 65535, got " + prefetchCount);
        }
        if (requeueLimit < 0) {
            throw new IllegalArgumentException("requeueLimit must be 0 or more, got " + requeueLimit);
        }
        Objects.requireNonNull(recoveryInterval, "recoveryInterval");
    }

    /** go-micro's node and exchange, with this broker's defaults for the rest. */
    public static RabbitMqBrokerSettings defaults() {
        return new RabbitMqBrokerSettings(List.of(DEFAULT_URI), DEFAULT_EXCHANGE, false, DEFAULT_PREFETCH_COUNT, false,
                false, DEFAULT_REQUEUE_LIMIT, DEFAULT_DEAD_LETTER_EXCHANGE, null, DEFAULT_RECOVERY_INTERVAL);
    }

    /** These settings connecting to {@code uri}. */
    public RabbitMqBrokerSettings withUri(URI uri) {
        return new RabbitMqBrokerSettings(List.of(uri), exchange, exchangeDurable, prefetchCount, publisherConfirms,
                persistentMessages, requeueLimit, deadLetterExchange, sslContext, recoveryInterval);
    }

    /** These settings requeueing a failed message {@code requeueLimit} times before dead-lettering it. */
    public RabbitMqBrokerSettings withRequeueLimit(int requeueLimit) {
        return new RabbitMqBrokerSettings(uris, exchange, exchangeDurable, prefetchCount, publisherConfirms,
                persistentMessages, requeueLimit, deadLetterExchange, sslContext, recoveryInterval);
    }

    /** These settings waiting for the broker to confirm each publish. */
    public RabbitMqBrokerSettings withPublisherConfirms() {
        return new RabbitMqBrokerSettings(uris, exchange, exchangeDurable, prefetchCount, true, persistentMessages,
                requeueLimit, deadLetterExchange, sslContext, recoveryInterval);
    }

    /** These settings publishing to the topic exchange {@code exchange}. */
    public RabbitMqBrokerSettings withExchange(String exchange) {
        return new RabbitMqBrokerSettings(uris, exchange, exchangeDurable, prefetchCount, publisherConfirms,
                persistentMessages, requeueLimit, deadLetterExchange, sslContext, recoveryInterval);
    }

    /** These settings publishing persistent messages, which durable queues keep across a broker restart. */
    public RabbitMqBrokerSettings withPersistentMessages() {
        return new RabbitMqBrokerSettings(uris, exchange, exchangeDurable, prefetchCount, publisherConfirms, true,
                requeueLimit, deadLetterExchange, sslContext, recoveryInterval);
    }

    /** These settings declaring the exchange durable, so that it and its bindings survive a broker restart. */
    public RabbitMqBrokerSettings withDurableExchange() {
        return new RabbitMqBrokerSettings(uris, exchange, true, prefetchCount, publisherConfirms, persistentMessages,
                requeueLimit, deadLetterExchange, sslContext, recoveryInterval);
    }

    /** {@code uri} without its password, for messages and logs. */
    static String redact(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || !userInfo.contains(":")) {
            return uri.toString();
        }
        return uri.toString().replace(userInfo, userInfo.substring(0, userInfo.indexOf(':')) + ":xxxxx");
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    @Override
    public String toString() {
        return "RabbitMqBrokerSettings[uris=" + uris.stream().map(RabbitMqBrokerSettings::redact).toList() + ", exchange="
                + exchange + ", exchangeDurable=" + exchangeDurable + ", prefetchCount=" + prefetchCount
                + ", publisherConfirms=" + publisherConfirms + ", persistentMessages=" + persistentMessages
                + ", requeueLimit=" + requeueLimit + ", deadLetterExchange=" + deadLetterExchange + ", tls="
                + (sslContext != null) + ", recoveryInterval=" + recoveryInterval + "]";
    }
}
