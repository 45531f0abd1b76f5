package io.microspring.broker.rabbitmq;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;

import io.microspring.broker.Broker;
import io.microspring.broker.BrokerException;
import io.microspring.broker.BrokerHandler;
import io.microspring.broker.BrokerMessage;
import io.microspring.broker.SubscribeOptions;
import io.microspring.broker.Subscription;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * go-micro's RabbitMQ broker on amqp-client: messages are published to a topic exchange
 * ({@code micro}) with the topic as routing key and the headers as AMQP headers. A subscription
 * consumes a queue bound to the topic: the queue group's queue (durable when asked, otherwise
 * deleted with its last consumer, as in go-micro) or a server-named queue of its own for a
 * broadcast subscriber. As in go-micro, the queue group's name is the queue's name on the node:
 * subscribers of different topics must not share a queue name, or they share one queue.
 *
 * <p>Unlike go-micro's default, messages are always acknowledged by this client: after the handler
 * succeeds (or by the handler itself with manual acknowledgement). A handler that fails has its
 * message requeued, up to the requeue limit; then, or at once for an unreadable message, it is
 * published to the dead-letter exchange and acknowledged. A subscriber that dies leaves its
 * unacknowledged messages to the others. The connection recovers by itself, with its queues,
 * bindings and consumers.
 */
public final class RabbitMqBroker implements Broker {

    /** This broker's name. */
    public static final String NAME = "rabbitmq";

    private static final Logger log = LoggerFactory.getLogger(RabbitMqBroker.class);
    private static final int HEARTBEAT_SECONDS = 10;
    /** RabbitMQ's reply when something is declared again with other settings. */
    private static final String PRECONDITION_FAILED = "PRECONDITION_FAILED";

    private final RabbitMqBrokerSettings settings;
    private final ReentrantLock publishLock = new ReentrantLock();
    private final ConcurrentNavigableMap<Long, MonoSink<Void>> unconfirmed = new ConcurrentSkipListMap<>();

    private volatile Connection connection;
    private volatile Channel publishChannel;
    private Scheduler publishThread;

    public RabbitMqBroker(RabbitMqBrokerSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The node URIs, passwords left out. */
    @Override
    public String address() {
        return settings.uris().stream().map(RabbitMqBrokerSettings::redact).collect(Collectors.joining(","));
    }

    /** Connects, declares the exchange and the dead-letter exchange and queue, and opens the publishing channel. */
    @Override
    public synchronized void connect() {
        if (connection != null) {
            return;
        }
        try {
            connection = connectionFactory().newConnection(addresses(), "micro-spring");
            publishChannel = openPublishChannel(connection);
        } catch (IOException | TimeoutException | GeneralSecurityException | URISyntaxException | RuntimeException e) {
            closeQuietly();
            Optional<String> refusal = refusal(e);
            if (refusal.isPresent()) {
                throw new BrokerException("RabbitMQ at " + address() + " refused to declare the exchanges and the "
                        + "dead-letter queue: " + refusal.get() + (refusal.get().startsWith(PRECONDITION_FAILED)
                                ? ". One declared before with other settings keeps them: match "
                                        + "micro.rabbitmq.exchange-durable to it, or delete it." : ""), e);
            }
            throw new BrokerException("Cannot connect to RabbitMQ at " + address() + ": " + describe(e)
                    + ". Start RabbitMQ there, or set micro.broker-address to its amqp://user:password@host:port URI.", e);
        }
        publishThread = Schedulers.newSingle("micro-rabbitmq-publish", true);
        log.info("Broker [rabbitmq] Connected to {}", address());
    }

    /**
     * Publishes to the exchange; from an event loop, on this broker's publishing thread, as the
     * client's publish may block. With publisher confirms the result completes on the broker's ack.
     */
    @Override
    public Mono<Void> publish(String topic, BrokerMessage message) {
        if (connection == null) {
            return Mono.error(new BrokerException("Cannot publish to topic " + topic + ": the RabbitMQ broker is not connected"));
        }
        Map<String, Object> headers = Map.copyOf(message.headers().asMap());
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .headers(headers)
                .deliveryMode(settings.persistentMessages() ? 2 : null)
                .build();
        Mono<Void> send = settings.publisherConfirms()
                ? Mono.create(sink -> send(topic, properties, message.body(), sink))
                : Mono.fromRunnable(() -> send(topic, properties, message.body(), null));
        return Schedulers.isInNonBlockingThread() ? send.subscribeOn(publishThread) : send;
    }

    /** Declares and binds the subscription's queue and starts consuming it. */
    @Override
    public Subscription subscribe(String topic, BrokerHandler handler, SubscribeOptions options) {
        connect();
        try {
            return RabbitMqSubscription.start(connection, settings, topic, handler, options);
        } catch (IOException | RuntimeException e) {
            throw new BrokerException("Cannot subscribe to topic " + topic + (options.isBroadcast() ? ""
                    : " with queue " + options.queue()) + " at RabbitMQ " + address() + ": " + describe(e), e);
        }
    }

    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        closeQuietly();
        publishThread.dispose();
        failUnconfirmed(null);
    }

    /**
     * Opens the publishing channel and declares the exchanges and the dead-letter queue on it; a
     * recovered connection declares them again on it, unless RabbitMQ closed it meanwhile.
     */
    private Channel openPublishChannel(Connection connection) throws IOException {
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(settings.exchange(), BuiltinExchangeType.TOPIC, settings.exchangeDurable());
        channel.exchangeDeclare(settings.deadLetterExchange(), BuiltinExchangeType.TOPIC, true);
        channel.queueDeclare(settings.deadLetterExchange(), true, false, false, null);
        channel.queueBind(settings.deadLetterExchange(), settings.deadLetterExchange(), "#");
        if (settings.publisherConfirms()) {
            channel.confirmSelect();
            channel.addConfirmListener(new Confirmations());
            channel.addShutdownListener(this::failUnconfirmed);
        }
        return channel;
    }

    /**
     * Replaces a publishing channel that RabbitMQ closed for a channel error while the connection
     * stayed open: recovery reopens channels only after a connection failure. This happens after a
     * broker restart with a transient exchange: the recovered channel publishes to the exchange
     * before recovery has declared it again, RabbitMQ closes the channel (404), and the exchange is
     * not declared again on it.
     */
    private void reopenClosedPublishChannel() throws IOException {
        Channel current = publishChannel;
        Connection open = connection;
        ShutdownSignalException reason = current.getCloseReason();
        if (current.isOpen() || open == null || !open.isOpen() || reason == null || reason.isHardError()) {
            return;
        }
        log.warn("Broker [rabbitmq] RabbitMQ closed the publishing channel ({}); opening a new one", reason.getMessage());
        publishChannel = openPublishChannel(open);
    }

    private void send(String topic, AMQP.BasicProperties properties, byte[] body, MonoSink<Void> confirmation) {
        publishLock.lock();
        long sequence = 0;
        try {
            reopenClosedPublishChannel();
            if (confirmation != null) {
                sequence = publishChannel.getNextPublishSeqNo();
                unconfirmed.put(sequence, confirmation);
            }
            publishChannel.basicPublish(settings.exchange(), topic, false, properties, body);
        } catch (IOException | ShutdownSignalException e) {
            BrokerException failure = new BrokerException("Cannot publish to topic " + topic + ": RabbitMQ at " + address()
                    + " is unreachable (" + describe(e) + ")", e);
            if (confirmation == null) {
                throw failure;
            }
            unconfirmed.remove(sequence);
            confirmation.error(failure);
        } finally {
            publishLock.unlock();
        }
    }

    private void failUnconfirmed(ShutdownSignalException cause) {
        String reason = cause == null ? "the broker was closed" : "the channel closed: " + cause.getMessage();
        while (!unconfirmed.isEmpty()) {
            Map.Entry<Long, MonoSink<Void>> entry = unconfirmed.pollFirstEntry();
            if (entry != null) {
                entry.getValue().error(new BrokerException("RabbitMQ at " + address() + " did not confirm a publish: " + reason));
            }
        }
    }

    private ConnectionFactory connectionFactory() throws GeneralSecurityException, URISyntaxException {
        ConnectionFactory factory = new ConnectionFactory();
        URI first = settings.uris().get(0);
        if (settings.sslContext() != null || "amqps".equalsIgnoreCase(first.getScheme())) {
            SSLContext context = settings.sslContext() != null ? settings.sslContext() : SSLContext.getDefault();
            factory.useSslProtocol(context);
            factory.enableHostnameVerification();
        }
        factory.setUri(first);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(settings.recoveryInterval().toMillis());
        factory.setRequestedHeartbeat(HEARTBEAT_SECONDS);
        return factory;
    }

    private List<Address> addresses() {
        return settings.uris().stream().map(uri -> new Address(uri.getHost(), uri.getPort() > 0 ? uri.getPort()
                : "amqps".equalsIgnoreCase(uri.getScheme()) ? ConnectionFactory.DEFAULT_AMQP_OVER_SSL_PORT
                : ConnectionFactory.DEFAULT_AMQP_PORT)).toList();
    }

    @Override
    public boolean isConnected() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    private void closeQuietly() {
        Connection current = connection;
        connection = null;
        if (current != null && current.isOpen()) {
            try {
                current.close();
            } catch (IOException | RuntimeException e) {
                log.debug("Broker [rabbitmq] closing the connection: {}", e.toString());
            }
        }
    }

    /** Why RabbitMQ closed the channel, when {@code error} comes from such a refusal (e.g. PRECONDITION_FAILED). */
    private static Optional<String> refusal(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ShutdownSignalException signal && signal.getReason() instanceof AMQP.Channel.Close close) {
                return Optional.of(close.getReplyText());
            }
        }
        return Optional.empty();
    }

    private static String describe(Throwable error) {
        return error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
    }

    /** Completes the publishes the broker confirmed, fails those it refused. */
    private final class Confirmations implements ConfirmListener {

        @Override
        public void handleAck(long sequence, boolean multiple) {
            settle(sequence, multiple, null);
        }

        @Override
        public void handleNack(long sequence, boolean multiple) {
            settle(sequence, multiple, new BrokerException("RabbitMQ at " + address() + " refused a published message (nack)"));
        }

        private void settle(long sequence, boolean multiple, BrokerException failure) {
            List<Long> settled = multiple ? List.copyOf(unconfirmed.headMap(sequence, true).keySet()) : List.of(sequence);
            for (Long key : settled) {
                MonoSink<Void> sink = unconfirmed.remove(key);
                if (sink != null) {
                    if (failure == null) {
                        sink.success();
                    } else {
                        sink.error(failure);
                    }
                }
            }
        }
    }
}
