package io.microspring.broker.nats;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.broker.Broker;
import io.microspring.broker.BrokerEvent;
import io.microspring.broker.BrokerException;
import io.microspring.broker.BrokerHandler;
import io.microspring.broker.BrokerMessage;
import io.microspring.broker.SubscribeOptions;
import io.microspring.broker.Subscription;
import io.microspring.broker.UnreadableMessageException;
import io.microspring.broker.internal.MessageJson;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * go-micro's NATS broker on jnats: a message is published on subject {@code <topic>} as go-micro's
 * JSON {@code {"Header":{...},"Body":"<base64>"}}; queue groups are NATS queue subscriptions. Each
 * subscription has its own dispatcher thread and handles its messages one at a time, as go-micro
 * does. The connection reconnects by itself and re-establishes the subscriptions; while it is
 * down, publishing fails with a {@link BrokerException} (no reconnect buffer hides the outage).
 * Core NATS delivers at most once: a subscriber's failure is logged, not redelivered.
 */
public final class NatsBroker implements Broker {

    /** This broker's name. */
    public static final String NAME = "nats";

    private static final Logger log = LoggerFactory.getLogger(NatsBroker.class);

    private final NatsBrokerSettings settings;

    private volatile Connection connection;
    private Scheduler publishThread;

    public NatsBroker(NatsBrokerSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The server connected to, or the configured servers while not connected. */
    @Override
    public String address() {
        Connection current = connection;
        if (current != null && current.getStatus() == Connection.Status.CONNECTED) {
            return current.getConnectedUrl();
        }
        return String.join(",", settings.servers());
    }

    @Override
    public boolean isConnected() {
        Connection current = connection;
        return current != null && current.getStatus() == Connection.Status.CONNECTED;
    }

    @Override
    public synchronized void connect() {
        if (connection != null) {
            return;
        }
        Errors errors = new Errors();
        try {
            connection = Nats.connect(options(errors));
        } catch (IOException e) {
            // jnats tells why through the error listener only, a refused TLS handshake for one
            Exception reason = errors.lastException != null ? errors.lastException : e;
            throw new BrokerException("Cannot connect to NATS at " + String.join(",", settings.servers()) + ": "
                    + reason.getMessage() + ". Start NATS there, or set micro.broker-address to its nats://host:port.",
                    reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("Interrupted while connecting to NATS at " + settings.servers(), e);
        }
        publishThread = Schedulers.newSingle("micro-nats-publish", true);
        log.info("Broker [nats] Connected to {}", connection.getConnectedUrl());
    }

    /**
     * Hands the message to the connection; from an event loop, on this broker's publishing thread
     * so that a full outgoing queue never blocks the loop (and the order of messages is kept).
     */
    @Override
    public Mono<Void> publish(String topic, BrokerMessage message) {
        Connection current = connection;
        if (current == null) {
            return Mono.error(new BrokerException("Cannot publish to topic " + topic + ": the NATS broker is not connected"));
        }
        Mono<Void> send = Mono.fromRunnable(() -> send(current, topic, message));
        return Schedulers.isInNonBlockingThread() ? send.subscribeOn(publishThread) : send;
    }

    @Override
    public Subscription subscribe(String topic, BrokerHandler handler, SubscribeOptions options) {
        connect();
        Connection current = connection;
        Dispatcher dispatcher = current.createDispatcher(message -> deliver(handler, message));
        if (options.isBroadcast()) {
            dispatcher.subscribe(topic);
        } else {
            dispatcher.subscribe(topic, options.queue());
        }
        try {
            // a round trip, so that the server knows the subscription when this returns
            current.flush(settings.connectionTimeout());
        } catch (TimeoutException | InterruptedException e) {
            current.closeDispatcher(dispatcher);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new BrokerException("NATS at " + address() + " did not confirm the subscription to topic " + topic
                    + " within " + settings.connectionTimeout(), e);
        }
        return new NatsSubscription(topic, options, current, dispatcher);
    }

    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection = null;
        publishThread.dispose();
    }

    private void send(Connection current, String topic, BrokerMessage message) {
        try {
            current.publish(topic, MessageJson.write(message.headers(), message.body()));
        } catch (IllegalStateException e) {
            throw new BrokerException("Cannot publish to topic " + topic + ": the connection to NATS at "
                    + String.join(",", settings.servers()) + " is " + current.getStatus() + " (" + e.getMessage() + ")", e);
        }
    }

    private static void deliver(BrokerHandler handler, Message delivered) {
        String topic = delivered.getSubject();
        BrokerMessage message;
        try {
            message = MessageJson.read(delivered.getData());
        } catch (IllegalArgumentException e) {
            log.error("Dropped a message on topic {} that is not a go-micro broker message: {}", topic, e.getMessage());
            return;
        }
        try {
            handler.handle(BrokerEvent.unacknowledged(topic, message)).block();
        } catch (UnreadableMessageException e) {
            log.error("{}; dropped it", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Subscriber of topic {} failed on message {}: {}", topic, message.id(), e.toString());
        }
    }

    private Options options(Errors errors) {
        Options.Builder options = new Options.Builder()
                .servers(settings.servers().toArray(String[]::new))
                .connectionName("micro-spring")
                .connectionTimeout(settings.connectionTimeout())
                .reconnectWait(settings.reconnectWait())
                .maxReconnects(settings.maxReconnects())
                .reconnectBufferSize(0)
                .connectionListener(new ConnectionEvents())
                .errorListener(errors);
        if (settings.username() != null) {
            options.userInfo(settings.username(), settings.password());
        }
        if (settings.token() != null) {
            options.token(settings.token().toCharArray());
        }
        if (settings.credentialsFile() != null) {
            options.credentialPath(settings.credentialsFile());
        }
        if (settings.sslContext() != null) {
            options.sslContext(settings.sslContext());
        }
        return options.build();
    }

    /** Logs the connection's outages and recoveries. */
    private static final class ConnectionEvents implements ConnectionListener {

        @Override
        @SuppressWarnings("deprecation")
        public void connectionEvent(Connection connection, Events event) {
            switch (event) {
                case DISCONNECTED -> log.warn("Broker [nats] lost its connection; reconnecting");
                case RECONNECTED -> log.info("Broker [nats] reconnected to {}", connection.getConnectedUrl());
                case RESUBSCRIBED -> log.info("Broker [nats] re-established its subscriptions");
                case CLOSED -> log.info("Broker [nats] connection closed");
                default -> log.debug("Broker [nats] {}", event);
            }
        }
    }

    /** Logs what jnats reports asynchronously, instead of its java.util.logging default; keeps the last exception. */
    private static final class Errors implements ErrorListener {

        private volatile Exception lastException;

        @Override
        public void errorOccurred(Connection connection, String error) {
            log.warn("Broker [nats] server error: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection connection, Exception exception) {
            lastException = exception;
            log.debug("Broker [nats] {}", exception.toString());
        }

        @Override
        public void slowConsumerDetected(Connection connection, Consumer consumer) {
            log.warn("Broker [nats] a subscriber cannot keep up; NATS drops the messages it has no room for");
        }
    }

    private static final class NatsSubscription implements Subscription {

        private final String topic;
        private final SubscribeOptions options;
        private final Connection connection;
        private final Dispatcher dispatcher;

        NatsSubscription(String topic, SubscribeOptions options, Connection connection, Dispatcher dispatcher) {
            this.topic = topic;
            this.options = options;
            this.connection = connection;
            this.dispatcher = dispatcher;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public SubscribeOptions options() {
            return options;
        }

        @Override
        public synchronized void unsubscribe() {
            if (dispatcher.isActive() && connection.getStatus() != Connection.Status.CLOSED) {
                connection.closeDispatcher(dispatcher);
            }
        }
    }
}
