package io.microspring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.microspring.broker.nats.NatsBrokerSettings;
import io.microspring.broker.rabbitmq.RabbitMqBrokerSettings;

/**
 * Which broker to use and where it is: {@code micro.broker} is go-micro's {@code --broker} and
 * {@code MICRO_BROKER}, {@code micro.broker-address} is {@code --broker_address} and
 * {@code MICRO_BROKER_ADDRESS}; {@code micro.nats.*} and {@code micro.rabbitmq.*} tune those brokers.
 */
@ConfigurationProperties("micro")
public class MicroBrokerProperties {

    /** Broker implementation. */
    private BrokerType broker = BrokerType.HTTP;

    /**
     * Broker addresses, comma separated: where the http broker listens (host:port, default
     * 127.0.0.1:0), the NATS servers (nats://host:port) or the RabbitMQ nodes
     * (amqp://user:password@host:port/vhost).
     */
    private List<String> brokerAddress = new ArrayList<>();

    /** NATS broker settings. */
    private final Nats nats = new Nats();

    /** RabbitMQ broker settings. */
    private final Rabbitmq rabbitmq = new Rabbitmq();

    public BrokerType getBroker() {
        return broker;
    }

    public void setBroker(BrokerType broker) {
        this.broker = broker;
    }

    public List<String> getBrokerAddress() {
        return brokerAddress;
    }

    public void setBrokerAddress(List<String> brokerAddress) {
        this.brokerAddress = brokerAddress;
    }

    public Nats getNats() {
        return nats;
    }

    public Rabbitmq getRabbitmq() {
        return rabbitmq;
    }

    /** The broker implementations. */
    public enum BrokerType {
        /** go-micro's default: subscribers serve HTTP and register in the registry; no server needed. */
        HTTP,
        /** A NATS server. */
        NATS,
        /** A RabbitMQ node. */
        RABBITMQ,
        /** Inside this JVM only. */
        MEMORY
    }

    /** Credentials, TLS and reconnection of the NATS broker. */
    public static class Nats {

        /** User to log in as; needs micro.nats.password. */
        private String username;

        /** Password of micro.nats.username. */
        private String password;

        /** Token to log in with. */
        private String token;

        /** Credentials file (.creds: a JWT and an NKey seed) to log in with. */
        private String credentialsFile;

        /** SSL bundle (spring.ssl.bundle.*) securing the connection; tls:// addresses use the JVM's trust store without one. */
        private String sslBundle;

        /** How long connecting to a server may take. */
        private Duration connectionTimeout = NatsBrokerSettings.DEFAULT_CONNECTION_TIMEOUT;

        /** Pause between reconnection attempts. */
        private Duration reconnectWait = NatsBrokerSettings.DEFAULT_RECONNECT_WAIT;

        /** Reconnection attempts before the broker gives up; -1 never gives up. */
        private int maxReconnects = NatsBrokerSettings.UNLIMITED_RECONNECTS;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public String getCredentialsFile() {
            return credentialsFile;
        }

        public void setCredentialsFile(String credentialsFile) {
            this.credentialsFile = credentialsFile;
        }

        public String getSslBundle() {
            return sslBundle;
        }

        public void setSslBundle(String sslBundle) {
            this.sslBundle = sslBundle;
        }

        public Duration getConnectionTimeout() {
            return connectionTimeout;
        }

        public void setConnectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
        }

        public Duration getReconnectWait() {
            return reconnectWait;
        }

        public void setReconnectWait(Duration reconnectWait) {
            this.reconnectWait = reconnectWait;
        }

        public int getMaxReconnects() {
            return maxReconnects;
        }

        public void setMaxReconnects(int maxReconnects) {
            this.maxReconnects = maxReconnects;
        }
    }

    /** Exchange, acknowledgement, dead letters and TLS of the RabbitMQ broker. */
    public static class Rabbitmq {

        /** Topic exchange messages are published to. */
        private String exchange = RabbitMqBrokerSettings.DEFAULT_EXCHANGE;

        /** Whether the exchange survives a RabbitMQ restart; it must match how the exchange was first declared. */
        private boolean exchangeDurable;

        /** Unacknowledged messages a subscriber holds at once; 0 means no limit. */
        private int prefetchCount = RabbitMqBrokerSettings.DEFAULT_PREFETCH_COUNT;

        /** Whether a publish completes only once RabbitMQ confirms it. */
        private boolean publisherConfirms;

        /** Whether messages are published persistent, so that durable queues keep them across restarts. */
        private boolean persistentMessages;

        /** Times a message whose handler failed is requeued before it is dead-lettered. */
        private int requeueLimit = RabbitMqBrokerSettings.DEFAULT_REQUEUE_LIMIT;

        /** Exchange that receives dead letters; a durable queue of the same name keeps them. */
        private String deadLetterExchange = RabbitMqBrokerSettings.DEFAULT_DEAD_LETTER_EXCHANGE;

        /** SSL bundle (spring.ssl.bundle.*) securing the connection; amqps:// addresses use the JVM's trust store without one. */
        private String sslBundle;

        /** Pause between reconnection attempts. */
        private Duration recoveryInterval = RabbitMqBrokerSettings.DEFAULT_RECOVERY_INTERVAL;

        public String getExchange() {
            return exchange;
        }

        public void setExchange(String exchange) {
            this.exchange = exchange;
        }

        public boolean isExchangeDurable() {
            return exchangeDurable;
        }

        public void setExchangeDurable(boolean exchangeDurable) {
            this.exchangeDurable = exchangeDurable;
        }

        public int getPrefetchCount() {
            return prefetchCount;
        }

        public void setPrefetchCount(int prefetchCount) {
            this.prefetchCount = prefetchCount;
        }

        public boolean isPublisherConfirms() {
            return publisherConfirms;
        }

        public void setPublisherConfirms(boolean publisherConfirms) {
            this.publisherConfirms = publisherConfirms;
        }

        public boolean isPersistentMessages() {
            return persistentMessages;
        }

        public void setPersistentMessages(boolean persistentMessages) {
            this.persistentMessages = persistentMessages;
        }

        public int getRequeueLimit() {
            return requeueLimit;
        }

        public void setRequeueLimit(int requeueLimit) {
            this.requeueLimit = requeueLimit;
        }

        public String getDeadLetterExchange() {
            return deadLetterExchange;
        }

        public void setDeadLetterExchange(String deadLetterExchange) {
            this.deadLetterExchange = deadLetterExchange;
        }

        public String getSslBundle() {
            return sslBundle;
        }

        public void setSslBundle(String sslBundle) {
            this.sslBundle = sslBundle;
        }

        public Duration getRecoveryInterval() {
            return recoveryInterval;
        }

        public void setRecoveryInterval(Duration recoveryInterval) {
            this.recoveryInterval = recoveryInterval;
        }
    }
}
