package io.microspring.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.broker.Broker;
import io.microspring.broker.Subscriber;
import io.microspring.broker.Subscription;
import io.microspring.codec.Codecs;
import io.microspring.net.AdvertiseAddress;
import io.microspring.net.HostPort;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Registration;
import io.microspring.registry.RegistrationException;
import io.microspring.registry.Registry;
import io.microspring.registry.Service;
import io.microspring.transport.Listener;
import io.microspring.transport.Transport;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * go-micro's RPC server ("mucp") for Java: handlers' endpoints served over a {@link Transport},
 * the node registered in a {@link Registry} once the port is bound and kept registered by a
 * {@link Registration}, its subscribers subscribed through a {@link Broker} while it runs. It owns
 * its registration and its blocking-handler threads and releases both on {@link #stop()}.
 */
public final class RpcServer implements Server {

    private static final Logger log = LoggerFactory.getLogger(RpcServer.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    /** How long a stopping server must refuse no call before it closes its connections. */
    static final Duration DRAIN_QUIET_PERIOD = Duration.ofMillis(250);

    private final ServerSettings settings;
    private final Transport transport;
    private final Registry registry;
    private final Codecs codecs;
    private final List<HandlerWrapper> wrappers;
    private final Broker broker;
    private final String brokerName;
    private final String nodeId;
    private final Map<String, EndpointMethod> endpoints = new LinkedHashMap<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();

    private volatile Service registered;
    private Listener listener;
    private RpcDispatcher dispatcher;
    private Scheduler handlerThreads;
    private Registration registration;

    /**
     * A server for {@code settings.name()} without subscribers; {@code brokerName} is written into
     * the node metadata as go-micro servers do.
     */
    public RpcServer(ServerSettings settings, Transport transport, Registry registry, Codecs codecs,
            List<HandlerWrapper> wrappers, String brokerName) {
        this(settings, transport, registry, codecs, wrappers, null, brokerName);
    }

    /**
     * A server for {@code settings.name()} whose subscribers subscribe through {@code broker}; the
     * broker's name is written into the node metadata as go-micro servers do.
     */
    public RpcServer(ServerSettings settings, Transport transport, Registry registry, Codecs codecs,
            List<HandlerWrapper> wrappers, Broker broker) {
        this(settings, transport, registry, codecs, wrappers, broker, broker.name());
    }

    private RpcServer(ServerSettings settings, Transport transport, Registry registry, Codecs codecs,
            List<HandlerWrapper> wrappers, Broker broker, String brokerName) {
        this.settings = settings;
        this.transport = transport;
        this.registry = registry;
        this.codecs = codecs;
        this.wrappers = List.copyOf(wrappers);
        this.broker = broker;
        this.brokerName = brokerName;
        this.nodeId = settings.name() + "-" + UUID.randomUUID();
        this.registered = new Service(settings.name(), settings.version(), Map.of(), List.of(), List.of());
    }

    @Override
    public synchronized void handle(Handler handler) {
        if (isRunning()) {
            throw new IllegalStateException("handlers must be added before the server starts");
        }
        for (EndpointMethod endpoint : handler.endpoints()) {
            EndpointMethod previous = endpoints.putIfAbsent(endpoint.name(), endpoint);
            if (previous != null) {
                throw new IllegalStateException("endpoint " + endpoint.name() + " of service " + settings.name()
                        + " is declared twice");
            }
        }
    }

    @Override
    public synchronized void subscribe(Subscriber subscriber) {
        if (isRunning()) {
            throw new IllegalStateException("subscribers must be added before the server starts");
        }
        if (broker == null) {
            throw new IllegalStateException("server " + settings.name() + " was created without a broker, so it cannot "
                    + "subscribe " + subscriber);
        }
        subscribers.add(subscriber);
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        handlerThreads = Schedulers.newBoundedElastic(settings.handlerThreads(), Integer.MAX_VALUE,
                "micro-handler-" + settings.name(), 60, true);
        dispatcher = new RpcDispatcher(settings.name(), endpoints, codecs, wrappers, handlerThreads);
        listener = transport.listen(settings.address(), dispatcher);
        HostPort advertised = AdvertiseAddress.resolve(settings.advertise(), HostPort.parse(listener.address()));
        Node node = new Node(nodeId, advertised.toString(), nodeMetadata());
        registered = new Service(settings.name(), settings.version(), Map.of(), endpointDescriptors(), List.of(node));
        log.info("Transport [{}] Listening on {}", transport.name(), listener.address());
        subscribeAll();
        register();
    }

    @Override
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        registration.close();
        registration = null;
        unsubscribeAll();
        dispatcher.startDraining();
        listener.stopAccepting();
        drain();
        dispatcher.endStreams();
        listener.close(CLOSE_TIMEOUT);
        handlerThreads.dispose();
        listener = null;
        dispatcher = null;
    }

    @Override
    public Service service() {
        return registered;
    }

    @Override
    public synchronized boolean isRunning() {
        return listener != null;
    }

    private void register() {
        if (!settings.registerFailFast()) {
            registration = Registration.registerEventually(registry, registered, settings.registerTtl(),
                    settings.registerInterval());
            return;
        }
        try {
            registration = Registration.register(registry, registered, settings.registerTtl(),
                    settings.registerInterval());
        } catch (RuntimeException e) {
            unsubscribeAll();
            listener.close(CLOSE_TIMEOUT); // Duration.ZERO fails in reactor-netty, hiding the registry error
            handlerThreads.dispose();
            listener = null;
            throw new RegistrationException(registry.name(), settings.name(), e);
        }
    }

    private void subscribeAll() {
        Scheduler blockingThreads = handlerThreads;
        try {
            if (!subscribers.isEmpty()) {
                broker.connect();
            }
            for (Subscriber subscriber : subscribers) {
                subscriptions.add(broker.subscribe(subscriber.topic(), event -> subscriber.handle(event, blockingThreads),
                        subscriber.options()));
                log.info("Broker [{}] Subscribed {}", broker.name(), subscriber);
            }
        } catch (RuntimeException e) {
            unsubscribeAll();
            listener.close(CLOSE_TIMEOUT);
            handlerThreads.dispose();
            listener = null;
            throw new IllegalStateException("Cannot subscribe service " + settings.name() + " with broker ["
                    + broker.name() + "] at " + broker.address() + ": " + e.getMessage()
                    + ". Check micro.broker and micro.broker-address.", e);
        }
    }

    private void unsubscribeAll() {
        for (Subscription subscription : subscriptions) {
            try {
                subscription.unsubscribe();
            } catch (RuntimeException e) {
                log.warn("Broker [{}] could not unsubscribe from topic {}: {}", broker.name(), subscription.topic(),
                        e.getMessage());
            }
        }
        subscriptions.clear();
    }

    /**
     * Waits, up to the drain timeout, for the calls in flight to finish and for callers to stop
     * sending: until {@link #DRAIN_QUIET_PERIOD} has passed without a call being refused. Closing
     * earlier would cut connections that callers, not yet aware of the deregistration, are writing
     * calls on; a refused call gets a 503 that they retry on another node.
     */
    private void drain() {
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        long quiet = DRAIN_QUIET_PERIOD.toNanos();
        while ((dispatcher.inFlight() > 0 || System.nanoTime() - dispatcher.lastRefusedAt() < quiet)
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (dispatcher.inFlight() > 0) {
            log.warn("Stopping {} with {} call(s) still in flight after {}", settings.name(), dispatcher.inFlight(),
                    settings.drainTimeout());
        }
    }

    private Map<String, String> nodeMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>(settings.metadata());
        metadata.put("transport", transport.name());
        metadata.put("broker", brokerName);
        metadata.put("server", "mucp");
        metadata.put("registry", registry.name());
        metadata.put("protocol", "mucp");
        return metadata;
    }

    private List<Endpoint> endpointDescriptors() {
        List<Endpoint> descriptors = new ArrayList<>();
        endpoints.values().stream().map(EndpointMethod::descriptor)
                .sorted(Comparator.comparing(Endpoint::name))
                .forEach(descriptors::add);
        for (Subscriber subscriber : subscribers) {
            descriptors.add(new Endpoint(subscriber.name(), ValueDescriber.describe(subscriber.messageType()), null,
                    subscriber.endpointMetadata()));
        }
        return descriptors;
    }
}
