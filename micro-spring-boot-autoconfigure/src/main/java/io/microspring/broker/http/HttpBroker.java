package io.microspring.broker.http;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
import io.microspring.errors.MicroException;
import io.microspring.net.AdvertiseAddress;
import io.microspring.net.HostPort;
import io.microspring.net.NettyTls;
import io.microspring.net.TlsSettings;
import io.microspring.registry.Node;
import io.microspring.registry.Registration;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * go-micro's HTTP broker, its default: every subscription is a node of registry service
 * {@value #SERVICE_NAME} (node id {@code <topic>-<uuid>}, metadata {@code broker=http},
 * {@code topic}, {@code secure}; service version = the queue, or {@value #BROADCAST_VERSION}
 * without one), served by this broker's own small HTTP server. A publisher looks the nodes up
 * through the caching registry and POSTs {@code /?id=<nodeId>} with the message as
 * {@code {"Header":{...},"Body":"<base64>"}}: to every broadcast node, and to one node of each queue
 * group, trying the next member when a node cannot be reached. A publish fails only when a whole
 * group is unreachable. Works across processes through any registry. With TLS its subscriber nodes
 * are served over it and registered {@code secure=true}; nodes so marked are posted to over TLS.
 */
public final class HttpBroker implements Broker {

    /** This broker's name. */
    public static final String NAME = "http";

    /** The registry service subscriber nodes register under. */
    public static final String SERVICE_NAME = "micro.http.broker";

    /** The service version of broadcast subscribers. */
    public static final String BROADCAST_VERSION = "ff.http.broadcast";

    /** The path messages are posted to, go-micro's {@code DefaultPath}. */
    public static final String PATH = "/";

    private static final Logger log = LoggerFactory.getLogger(HttpBroker.class);
    private static final String ERROR_ID = "go.micro.broker";
    /** How long a node that could not be reached is tried after the others of its group. */
    private static final long FAILED_NODE_COOLDOWN_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final HttpBrokerSettings settings;
    private final Registry registry;
    private final ConnectionProvider pool;
    private final HttpClient client;
    private volatile HttpClient secureClient;
    private final Map<String, HttpSubscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Long> unreachableSince = new ConcurrentHashMap<>();

    private DisposableServer server;
    private volatile String address;

    /** A broker registering and looking up subscriber nodes through {@code registry}. */
    public HttpBroker(HttpBrokerSettings settings, Registry registry) {
        this.settings = settings;
        this.registry = registry;
        this.address = settings.address();
        this.pool = ConnectionProvider.builder("micro-http-broker").pendingAcquireMaxCount(-1).build();
        // HTTP/1.1 is the client's default (protocol(...) would build the default TLS contexts)
        this.client = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .responseTimeout(settings.deliveryTimeout());
        // secure nodes are posted to over TLS even without settings of our own: with the JVM's trust store, read
        // (which takes a while) at the first post to a secure node; configured TLS is set up at once
        this.secureClient = settings.tls() != null ? client.secure(NettyTls.client(settings.tls())) : null;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The {@code host:port} subscriber nodes register; the configured address before {@link #connect()}. */
    @Override
    public String address() {
        return address;
    }

    /** Starts the HTTP server that receives messages for this broker's subscriptions. */
    @Override
    public synchronized void connect() {
        if (server != null) {
            return;
        }
        InetSocketAddress bind = HostPort.parse(settings.address()).socketAddress();
        if (settings.tls() != null && !settings.tls().hasCertificate()) {
            throw new BrokerException("The http broker cannot serve subscriptions over TLS: its SSL bundle"
                    + " (micro.broker.tls.bundle) has no key store with a certificate and private key");
        }
        try {
            HttpServer plain = HttpServer.create();
            server = (settings.tls() == null ? plain : plain.secure(NettyTls.server(settings.tls())))
                    .bindAddress(() -> bind)
                    .protocol(HttpProtocol.HTTP11)
                    .handle(this::receive)
                    .bindNow();
        } catch (RuntimeException e) {
            throw new BrokerException("Cannot listen on " + settings.address() + " for the http broker: " + e.getMessage()
                    + ". Choose a free host:port with micro.broker-address (port 0 takes any).", e);
        }
        address = AdvertiseAddress.resolve("", HostPort.of((InetSocketAddress) server.address())).toString();
        log.info("Broker [http] Listening on {}", address);
    }

    @Override
    public Mono<Void> publish(String topic, BrokerMessage message) {
        return Mono.defer(() -> {
            byte[] payload = MessageJson.write(message.headers().with(BrokerMessage.TOPIC_HEADER, topic), message.body());
            return registry.lookup(SERVICE_NAME)
                    .onErrorMap(RegistryException.class, e -> new BrokerException("Cannot publish to topic " + topic
                            + ": its subscribers cannot be looked up in registry [" + registry.name() + "]: "
                            + e.getMessage(), e))
                    .flatMap(services -> deliver(topic, payload, services));
        });
    }

    /** Registers a subscriber node for {@code topic}, starting the HTTP server first when needed. */
    @Override
    public Subscription subscribe(String topic, BrokerHandler handler, SubscribeOptions options) {
        connect();
        Node node = new Node(topic + "-" + UUID.randomUUID(), address,
                Map.of("broker", NAME, "topic", topic, "secure", Boolean.toString(settings.tls() != null)));
        String version = options.isBroadcast() ? BROADCAST_VERSION : options.queue();
        Service service = new Service(SERVICE_NAME, version, Map.of(), List.of(), List.of(node));
        Registration registration;
        try {
            registration = Registration.register(registry, service, settings.registerTtl(), settings.registerInterval());
        } catch (RegistryException e) {
            throw new BrokerException("Cannot register the subscriber of topic " + topic + " with registry ["
                    + registry.name() + "]: " + e.getMessage(), e);
        }
        HttpSubscription subscription = new HttpSubscription(topic, handler, options, registration);
        subscriptions.put(node.id(), subscription);
        return subscription;
    }

    /** Deregisters every subscriber node and stops the HTTP server and client. */
    @Override
    public synchronized void close() {
        subscriptions.values().forEach(HttpSubscription::unsubscribe);
        if (server != null) {
            server.disposeNow(CLOSE_TIMEOUT);
            server = null;
        }
        pool.disposeLater().block(CLOSE_TIMEOUT);
    }

    private Mono<Void> deliver(String topic, byte[] payload, List<Service> services) {
        List<Mono<Void>> groups = new ArrayList<>();
        for (Service service : services) {
            List<Node> nodes = service.nodes().stream()
                    .filter(node -> NAME.equals(node.metadata().get("broker")) && topic.equals(node.metadata().get("topic")))
                    .toList();
            if (nodes.isEmpty()) {
                continue;
            }
            groups.add(BROADCAST_VERSION.equals(service.version()) ? toEveryNode(topic, payload, nodes)
                    : toOneNode(topic, service.version(), payload, inDeliveryOrder(nodes), 0, new ArrayList<>()));
        }
        return Flux.fromIterable(groups)
                .flatMap(group -> group.then(Mono.<Throwable>empty()).onErrorResume(Mono::just))
                .collectList()
                .flatMap(failures -> switch (failures.size()) {
                    case 0 -> Mono.<Void>empty();
                    case 1 -> Mono.<Void>error(failures.get(0));
                    default -> Mono.<Void>error(new BrokerException(failures.stream().map(Throwable::getMessage)
                            .collect(Collectors.joining("; "))));
                });
    }

    private Mono<Void> toEveryNode(String topic, byte[] payload, List<Node> nodes) {
        return Flux.fromIterable(nodes)
                .flatMap(node -> post(node, payload).then(Mono.<String>empty()).onErrorResume(e -> Mono.just(e.getMessage())))
                .collectList()
                .flatMap(failures -> {
                    if (failures.size() == nodes.size()) {
                        return Mono.error(new BrokerException("Cannot deliver to topic " + topic
                                + ": no broadcast subscriber is reachable (" + String.join("; ", failures) + ")"));
                    }
                    if (!failures.isEmpty()) {
                        log.warn("Message to topic {} missed {} of {} broadcast subscribers: {}", topic, failures.size(),
                                nodes.size(), String.join("; ", failures));
                    }
                    return Mono.empty();
                });
    }

    private Mono<Void> toOneNode(String topic, String queue, byte[] payload, List<Node> nodes, int next,
            List<String> failures) {
        if (next == nodes.size()) {
            return Mono.error(new BrokerException("Cannot deliver to topic " + topic + ": no member of queue group "
                    + queue + " is reachable (" + String.join("; ", failures) + ")"));
        }
        return post(nodes.get(next), payload).onErrorResume(NodeUnreachableException.class, e -> {
            failures.add(e.getMessage());
            return toOneNode(topic, queue, payload, nodes, next + 1, failures);
        });
    }

    /** Shuffled, nodes that recently could not be reached last. */
    private List<Node> inDeliveryOrder(List<Node> nodes) {
        List<Node> ordered = new ArrayList<>(nodes);
        Collections.shuffle(ordered, ThreadLocalRandom.current());
        long now = System.nanoTime();
        unreachableSince.values().removeIf(since -> now - since > FAILED_NODE_COOLDOWN_NANOS);
        ordered.sort(Comparator.comparing(node -> unreachableSince.containsKey(node.id())));
        return ordered;
    }

    /**
     * POSTs the message to {@code node}; fails with {@link NodeUnreachableException} when it
     * provably did not reach a subscriber (no connection, unknown subscription), so another member
     * may take it, and with {@link BrokerException} when it may have been handled.
     */
    private Mono<Void> post(Node node, byte[] payload) {
        boolean secure = "true".equals(node.metadata().get("secure"));
        String uri = (secure ? "https" : "http") + "://" + node.address() + PATH + "?id="
                + URLEncoder.encode(node.id(), StandardCharsets.UTF_8);
        HttpClient ready = secure ? secureClient : client;
        Mono<HttpClient> sender = ready != null ? Mono.just(ready)
                : Mono.fromCallable(this::jvmTrustClient).subscribeOn(Schedulers.boundedElastic());
        return sender.flatMap(http -> http.post()
                .uri(uri)
                .send((request, outbound) -> {
                    request.header(BrokerMessage.CONTENT_TYPE_HEADER, "application/json");
                    return outbound.send(Mono.just(Unpooled.wrappedBuffer(payload)));
                })
                .responseSingle((response, body) -> {
                    int status = response.status().code();
                    // the body is always read, so that the connection goes back to the pool
                    return body.asString().defaultIfEmpty("").flatMap(text -> status == HttpResponseStatus.OK.code()
                            ? Mono.<Void>empty() : Mono.<Void>error(answered(node, status, text)));
                }))
                .onErrorMap(e -> isConnectFailure(e) || NettyTls.handshakeFailure(e) != null,
                        e -> new NodeUnreachableException("node " + node.id() + " at " + node.address()
                                + " is unreachable: " + e.getMessage(), e))
                .onErrorMap(e -> !(e instanceof BrokerException || e instanceof NodeUnreachableException),
                        e -> new BrokerException("delivery to node " + node.id() + " at " + node.address()
                                + " failed and may or may not have been handled: " + e, e))
                .doOnError(NodeUnreachableException.class, e -> unreachableSince.put(node.id(), System.nanoTime()))
                .doOnSuccess(done -> unreachableSince.remove(node.id()));
    }

    /** The client posting to secure nodes with the JVM's trust store, built once (it reads the trust store). */
    private synchronized HttpClient jvmTrustClient() {
        if (secureClient == null) {
            secureClient = client.secure(NettyTls.client(TlsSettings.jvmTrust()));
        }
        return secureClient;
    }

    /** A node's answer other than 200: 404 (no such subscription) and 503 (stopping) mean it did not take the message. */
    private static RuntimeException answered(Node node, int status, String text) {
        String what = "node " + node.id() + " at " + node.address() + " answered HTTP " + status + " " + text;
        return status == HttpResponseStatus.NOT_FOUND.code() || status == HttpResponseStatus.SERVICE_UNAVAILABLE.code()
                ? new NodeUnreachableException(what, null) : new BrokerException(what);
    }

    private static boolean isConnectFailure(Throwable error) {
        return error instanceof ConnectException || error instanceof ConnectTimeoutException
                || error.getClass().getSimpleName().startsWith("PoolAcquire");
    }

    private Mono<Void> receive(HttpServerRequest request, HttpServerResponse response) {
        if (!HttpMethod.POST.equals(request.method())) {
            return answer(response, MicroException.methodNotAllowed(ERROR_ID, "Method not allowed"));
        }
        List<String> ids = new QueryStringDecoder(request.uri()).parameters().getOrDefault("id", List.of(""));
        String id = ids.get(0);
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            BrokerMessage message;
            try {
                message = MessageJson.read(body);
            } catch (IllegalArgumentException e) {
                return answer(response, MicroException.internalServerError(ERROR_ID, "Error parsing request body: %s",
                        e.getMessage()));
            }
            String topic = message.topic();
            if (topic.isEmpty()) {
                return answer(response, MicroException.internalServerError(ERROR_ID, "Topic not found"));
            }
            HttpSubscription subscription = subscriptions.get(id);
            if (subscription == null || !subscription.topic().equals(topic)) {
                return answer(response, MicroException.notFound(ERROR_ID, "no subscriber %s of topic %s here", id, topic));
            }
            return subscription.handle(message).then(response.status(HttpResponseStatus.OK).send());
        });
    }

    private static Mono<Void> answer(HttpServerResponse response, MicroException error) {
        return response.status(error.code()).sendString(Mono.just(error.toJson())).then();
    }

    /** A delivery that provably reached no subscriber: the next member of the group may take it. */
    private static final class NodeUnreachableException extends RuntimeException {

        NodeUnreachableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private final class HttpSubscription implements Subscription {

        private final String topic;
        private final BrokerHandler handler;
        private final SubscribeOptions options;
        private final Registration registration;

        HttpSubscription(String topic, BrokerHandler handler, SubscribeOptions options, Registration registration) {
            this.topic = topic;
            this.handler = handler;
            this.options = options;
            this.registration = registration;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public SubscribeOptions options() {
            return options;
        }

        String nodeId() {
            return registration.service().nodes().get(0).id();
        }

        Mono<Void> handle(BrokerMessage message) {
            return Mono.defer(() -> handler.handle(BrokerEvent.unacknowledged(topic, message)))
                    .onErrorResume(error -> {
                        if (error instanceof UnreadableMessageException) {
                            log.error("{}; dropped it", error.getMessage());
                        } else {
                            log.error("Subscriber of topic {} failed on message {}: {}", topic, message.id(), error.toString());
                        }
                        return Mono.empty();
                    });
        }

        @Override
        public void unsubscribe() {
            if (subscriptions.remove(nodeId()) != null) {
                registration.close();
            }
        }
    }
}
