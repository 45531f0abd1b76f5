package io.microspring.client;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLHandshakeException;

import org.reactivestreams.Publisher;

import io.microspring.broker.Broker;
import io.microspring.broker.BrokerMessage;
import io.microspring.codec.Codec;
import io.microspring.codec.CodecException;
import io.microspring.codec.Codecs;
import io.microspring.codec.Envelope;
import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;
import io.microspring.net.HostPort;
import io.microspring.registry.Node;
import io.microspring.selector.Selector;
import io.microspring.server.CallContext;
import io.microspring.transport.MicroHeaders;
import io.microspring.transport.SendOptions;
import io.microspring.transport.Transport;
import io.microspring.transport.TransportException;
import io.microspring.transport.TransportMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@link MicroClient} of go-micro's RPC protocol: selector, codec and transport, with an
 * overall deadline, retries with backoff, failure marking for the selector, and call wrappers.
 * Messages are published through its {@link Broker}.
 */
public final class RpcClient implements MicroClient {

    private static final String ID = "go.micro.client";

    private final Selector selector;
    private final Transport transport;
    private final Codecs codecs;
    private final CallOptions defaults;
    /** The call wrappers around the call with its retries, put together once. */
    private final CallWrapper.Next chain;
    private final List<AttemptWrapper> attemptWrappers;
    private final Broker broker;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * A client whose {@code defaults} must set request and connection timeouts, retries, backoff,
     * retry policy and content type.
     */
    public RpcClient(Selector selector, Transport transport, Codecs codecs, CallOptions defaults,
            List<CallWrapper> wrappers) {
        this(selector, transport, codecs, defaults, wrappers, null);
    }

    /** A client as above that publishes through {@code broker} ({@code null}: it does not publish). */
    public RpcClient(Selector selector, Transport transport, Codecs codecs, CallOptions defaults,
            List<CallWrapper> wrappers, Broker broker) {
        this(selector, transport, codecs, defaults, wrappers, List.of(), broker);
    }

    /** A client as above whose every attempt (the first and each retry) passes {@code attemptWrappers}. */
    public RpcClient(Selector selector, Transport transport, Codecs codecs, CallOptions defaults,
            List<CallWrapper> wrappers, List<AttemptWrapper> attemptWrappers, Broker broker) {
        this.selector = selector;
        this.transport = transport;
        this.codecs = codecs;
        this.defaults = requireComplete(defaults);
        this.attemptWrappers = List.copyOf(attemptWrappers);
        this.broker = broker;
        this.chain = chain(List.copyOf(wrappers));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Mono<T> call(String service, String endpoint, Object request, Type responseType, CallOptions options) {
        if (!isHeaderSafe(service) || !isHeaderSafe(endpoint)) {
            return Mono.error(MicroException.badRequest(ID, "service and endpoint must be names such as "
                    + "go.micro.srv.greeter and Say.Hello, without spaces or control characters; got %s and %s",
                    printable(service), printable(endpoint)));
        }
        CallOptions effective = options.over(defaults);
        Metadata handlerMetadata = CallContext.current().map(CallContext::metadata).orElse(Metadata.empty());
        // the result is of the response type asked for: cast once here rather than mapped per call
        return (Mono<T>) Mono.deferContextual(context -> {
            Metadata metadata = handlerMetadata.merge(Metadata.from(context)).merge(effective.metadata());
            ClientCall call = new ClientCall(service, endpoint, request, responseType, effective, metadata);
            return chain.proceed(call);
        });
    }

    /**
     * Opens the stream on a node chosen as for calls (selector, filters, or a fixed address), on a
     * connection of its own: the opening message carries the Micro headers, the metadata and
     * {@code Micro-Stream}, with an empty body as go-micro's generated clients send; then each
     * request follows as one message, then the end-of-stream message. Responses are read until the
     * node's end-of-stream or error message.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> Flux<T> stream(String service, String endpoint, Publisher<?> requests, Type responseType,
            CallOptions options) {
        CallOptions effective = options.over(defaults);
        Metadata handlerMetadata = CallContext.current().map(CallContext::metadata).orElse(Metadata.empty());
        return Flux.deferContextual(context -> {
            Metadata metadata = handlerMetadata.merge(Metadata.from(context)).merge(effective.metadata());
            ClientCall call = new ClientCall(service, endpoint, null, responseType, effective, metadata);
            Codec codec;
            try {
                codec = codecs.get(effective.contentType());
            } catch (CodecException e) {
                return Flux.error(MicroException.badRequest(ID, e.getMessage()));
            }
            return streamChain(codec, options.requestTimeout()).proceed(call, Flux.<Object>from(requests));
        }).map(result -> (T) result);
    }

    /** The attempt wrappers around a stream encoded with {@code codec}, ending by {@code timeout} (if not null). */
    private AttemptWrapper.StreamNext streamChain(Codec codec, Duration timeout) {
        AttemptWrapper.StreamNext chain = (call, requests) -> new ClientStream(call, codec,
                Long.toString(sequence.incrementAndGet()), timeout).open(requests);
        for (int i = attemptWrappers.size() - 1; i >= 0; i--) {
            AttemptWrapper wrapper = attemptWrappers.get(i);
            AttemptWrapper.StreamNext next = chain;
            chain = (call, requests) -> Flux.defer(() -> wrapper.wrapStream(call, requests, next));
        }
        return chain;
    }

    /**
     * Encodes {@code message} with the options' (or the client's) content type and publishes it with
     * headers {@code Content-Type}, {@code Micro-Topic}, {@code Micro-ID} (a random UUID) and the
     * caller's metadata, as go-micro's {@code client.Publish} does.
     */
    @Override
    public Mono<Void> publish(String topic, Object message, CallOptions options) {
        if (broker == null) {
            return Mono.error(new UnsupportedOperationException("this client was created without a broker, so it cannot "
                    + "publish to topic " + topic));
        }
        String contentType = options.contentType() != null ? options.contentType() : defaults.contentType();
        Metadata handlerMetadata = CallContext.current().map(CallContext::metadata).orElse(Metadata.empty());
        return Mono.deferContextual(context -> {
            byte[] body;
            try {
                body = codecs.get(contentType).encode(Envelope.message(), message);
            } catch (CodecException e) {
                return Mono.error(MicroException.badRequest(ID, "cannot encode the message to topic %s: %s", topic,
                        e.getMessage()));
            }
            Metadata.Builder headers = Metadata.builder();
            handlerMetadata.merge(Metadata.from(context)).merge(options.metadata()).asMap().forEach(headers::put);
            headers.put(BrokerMessage.CONTENT_TYPE_HEADER, contentType)
                    .put(BrokerMessage.TOPIC_HEADER, topic)
                    .put(BrokerMessage.ID_HEADER, messageId());
            return broker.publish(topic, new BrokerMessage(headers.build(), body));
        });
    }

    /** Whether {@code name} can travel in a header: visible ASCII only, nothing that could end the header. */
    private static boolean isHeaderSafe(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** {@code name} with everything but visible ASCII shown as {@code ?}, safe to echo in an error. */
    private static String printable(String name) {
        return name == null ? "nothing" : name.replaceAll("[^\\x21-\\x7e]", "?");
    }

    /** A random (version 4) UUID; unique is all a message id must be, so no secure random source is spent on it. */
    private static String messageId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private CallWrapper.Next chain(List<CallWrapper> wrappers) {
        CallWrapper.Next chain = this::callWithRetries;
        for (int i = wrappers.size() - 1; i >= 0; i--) {
            CallWrapper wrapper = wrappers.get(i);
            CallWrapper.Next next = chain;
            chain = call -> Mono.defer(() -> wrapper.wrap(call, next));
        }
        return chain;
    }

    private Mono<Object> callWithRetries(ClientCall call) {
        Duration timeout = call.options().requestTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        Codec codec;
        try {
            codec = codecs.get(call.options().contentType());
        } catch (CodecException e) {
            return Mono.error(MicroException.badRequest(ID, e.getMessage()));
        }
        return transport.deadline(attempt(call, codec, deadline, 0), timeout)
                .onErrorMap(error -> error instanceof TimeoutException || error instanceof TransportException,
                        error -> error instanceof TransportException failed ? transportError(call, failed)
                                : MicroException.timeout(ID, "%s %s: no answer within %s", call.service(),
                                        call.endpoint(), timeout));
    }

    private static boolean isPast(long deadline) {
        return System.nanoTime() - deadline >= 0;
    }

    /**
     * A node that could not be connected to, or whose TLS handshake failed, on the last try, makes
     * the service unavailable (503); a failed exchange is a 500 saying what happened. Neither names a
     * node's address the caller did not give (the error may travel on to a client outside, through
     * the gateway).
     */
    private static MicroException transportError(ClientCall call, TransportException error) {
        if (!error.unprocessed()) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            return MicroException.internalServerError(ID, "%s %s: the exchange with a node failed: %s",
                    call.service(), call.endpoint(), cause.getMessage() != null ? cause.getMessage()
                            : cause.getClass().getSimpleName());
        }
        if (error.getCause() instanceof SSLHandshakeException handshake) {
            // the reason may name the address (a certificate for another host)
            String reason = String.valueOf(handshake.getMessage()).replace(HostPort.parse(error.address()).host(),
                    "<node>");
            return MicroException.serviceUnavailable(ID, "service %s: the TLS handshake with its node failed: %s",
                    call.service(), reason);
        }
        String address = call.options().address();
        return address != null
                ? MicroException.serviceUnavailable(ID, "service %s: cannot connect to %s", call.service(), address)
                : MicroException.serviceUnavailable(ID, "service %s: none of its nodes can be reached",
                        call.service());
    }

    private Mono<Object> attempt(ClientCall call, Codec codec, long deadline, int retry) {
        // the transport's own response timeout ends an exchange at the deadline too, and may come first
        CallWrapper.Next chain = attempted -> node(attempted).flatMap(node -> send(attempted, codec, node, deadline))
                .onErrorMap(error -> error instanceof TransportException && isPast(deadline),
                        error -> new TimeoutException(error.getMessage()));
        for (int i = attemptWrappers.size() - 1; i >= 0; i--) {
            AttemptWrapper wrapper = attemptWrappers.get(i);
            CallWrapper.Next next = chain;
            chain = attempted -> wrapper.wrap(attempted, retry, next);
        }
        CallWrapper.Next attempt = chain;
        return Mono.defer(() -> attempt.proceed(call))
                .onErrorResume(error -> retryable(call, error, retry).flatMap(retried -> {
                    if (!retried) {
                        return Mono.error(error);
                    }
                    Duration pause = call.options().backoff().delay(retry + 1);
                    return Mono.delay(pause).then(attempt(call, codec, deadline, retry + 1));
                }));
    }

    /**
     * Whether to try {@code call} again after {@code error}: within the retries, what the retry
     * policy allows, and a broken exchange when the registry declares the endpoint idempotent (the
     * registry is asked only then).
     */
    private Mono<Boolean> retryable(ClientCall call, Throwable error, int retry) {
        if (retry >= call.options().retries()) {
            return Mono.just(false);
        }
        if (call.options().retryPolicy().shouldRetry(error)) {
            return Mono.just(true);
        }
        if (error instanceof TransportException && call.options().address() == null) {
            return selector.idempotent(call.service(), call.endpoint());
        }
        return Mono.just(false);
    }

    private Mono<Node> node(ClientCall call) {
        String address = call.options().address();
        if (address != null) {
            return Mono.just(new Node(address, address, null));
        }
        return selector.select(call.service(), call.options().filters());
    }

    private Mono<Object> send(ClientCall call, Codec codec, Node node, long deadline) {
        String id = Long.toString(sequence.incrementAndGet());
        byte[] body;
        try {
            body = codec.encode(Envelope.request(id, call.endpoint()), call.request());
        } catch (CodecException e) {
            return Mono.error(MicroException.badRequest(ID, "cannot encode the request of %s: %s", call.endpoint(),
                    e.getMessage()));
        }
        long remaining = Math.max(1, deadline - System.nanoTime());
        TransportMessage request = new TransportMessage(headers(call, codec, id, remaining), body);
        SendOptions sendOptions = new SendOptions(call.options().connectionTimeout(), Duration.ofNanos(remaining));
        return transport.send(node.address(), request, sendOptions)
                .doOnError(TransportException.class, e -> {
                    if (call.options().address() == null && !isPast(deadline)) { // a slow node is not a failed one
                        selector.markFailed(call.service(), node);
                    }
                })
                .map(response -> read(call, codec, response));
    }

    private static Metadata headers(ClientCall call, Codec codec, String id, long timeoutNanos) {
        Metadata.Builder headers = Metadata.builder();
        call.metadata().asMap().forEach(headers::put);
        headers.put(MicroHeaders.CONTENT_TYPE, codec.contentType())
                .put(MicroHeaders.ACCEPT, codec.contentType())
                .put(MicroHeaders.ID, id)
                .put(MicroHeaders.SERVICE, call.service())
                .put(MicroHeaders.ENDPOINT, call.endpoint())
                .put(MicroHeaders.METHOD, call.endpoint())
                .put(MicroHeaders.TIMEOUT, Long.toString(timeoutNanos));
        return headers.build();
    }

    private Object read(ClientCall call, Codec requestCodec, TransportMessage response) {
        String error = MicroHeaders.get(response.headers(), MicroHeaders.ERROR).orElse("");
        if (!error.isEmpty()) {
            throw MicroException.parse(error);
        }
        Codec codec = MicroHeaders.get(response.headers(), MicroHeaders.CONTENT_TYPE)
                .flatMap(codecs::find).orElse(requestCodec);
        try {
            Codec.Decoded decoded = codec.decode(response.body(), Envelope.Kind.RESPONSE);
            if (!decoded.envelope().error().isEmpty()) {
                throw MicroException.parse(decoded.envelope().error());
            }
            return decoded.body(call.responseType());
        } catch (CodecException e) {
            throw MicroException.internalServerError(ID, "cannot read the response of %s %s: %s", call.service(),
                    call.endpoint(), e.getMessage());
        }
    }

    /** One stream being opened and read. */
    private final class ClientStream {

        private final ClientCall call;
        private final Codec codec;
        private final String id;
        private final Duration timeout;
        private final Metadata headers;
        private final AtomicBoolean opened = new AtomicBoolean();

        ClientStream(ClientCall call, Codec codec, String id, Duration timeout) {
            this.call = call;
            this.codec = codec;
            this.id = id;
            this.timeout = timeout;
            this.headers = streamHeaders();
        }

        Flux<Object> open(Flux<Object> requests) {
            Flux<TransportMessage> outbound = Flux.concat(
                    Mono.fromSupplier(() -> {
                        opened.set(true);
                        return new TransportMessage(headers, null);
                    }),
                    requests.map(request -> new TransportMessage(headers, encode(request))),
                    Mono.fromSupplier(() -> new TransportMessage(
                            headers.with(MicroHeaders.ERROR, MicroHeaders.END_OF_STREAM), null)));
            AtomicBoolean ended = new AtomicBoolean();
            Flux<Object> responses = attempt(outbound, 0)
                    .takeWhile(message -> {
                        ended.set(isEndOfStream(message));
                        return !ended.get();
                    })
                    .map(this::read)
                    .concatWith(Mono.defer(() -> ended.get() ? Mono.empty()
                            : Mono.error(MicroException.internalServerError(ID, "%s %s: the stream's connection closed "
                                    + "before its end", call.service(), call.endpoint()))))
                    .onErrorMap(TransportException.class, e -> transportError(call, e));
            return timeout == null ? responses : withDeadline(responses);
        }

        /** Opens the stream; only failures before the connection took the opening message are retried. */
        private Flux<TransportMessage> attempt(Flux<TransportMessage> outbound, int retry) {
            return Mono.defer(() -> node(call))
                    .flatMapMany(node -> transport.stream(node.address(), outbound, call.options().connectionTimeout())
                            .doOnError(TransportException.class, e -> {
                                if (call.options().address() == null && e.unprocessed()) {
                                    selector.markFailed(call.service(), node);
                                }
                            }))
                    .onErrorResume(error -> {
                        if (opened.get() || retry >= call.options().retries()
                                || !call.options().retryPolicy().shouldRetry(error)) {
                            return Flux.error(error);
                        }
                        return Mono.delay(call.options().backoff().delay(retry + 1))
                                .thenMany(attempt(outbound, retry + 1));
                    });
        }

        private Flux<Object> withDeadline(Flux<Object> responses) {
            AtomicBoolean expired = new AtomicBoolean();
            return responses.takeUntilOther(Mono.delay(timeout).doOnNext(tick -> expired.set(true)))
                    .concatWith(Mono.defer(() -> expired.get() ? Mono.error(MicroException.timeout(ID,
                            "%s %s: the stream did not end within %s", call.service(), call.endpoint(), timeout))
                            : Mono.empty()));
        }

        private byte[] encode(Object request) {
            try {
                return codec.encode(Envelope.request(id, call.endpoint()), request);
            } catch (CodecException e) {
                throw MicroException.badRequest(ID, "cannot encode a request of %s: %s", call.endpoint(),
                        e.getMessage());
            }
        }

        private Object read(TransportMessage response) {
            return RpcClient.this.read(call, codec, response);
        }

        private Metadata streamHeaders() {
            Metadata.Builder builder = Metadata.builder();
            call.metadata().asMap().forEach(builder::put);
            builder.put(MicroHeaders.CONTENT_TYPE, codec.contentType())
                    .put(MicroHeaders.ACCEPT, codec.contentType())
                    .put(MicroHeaders.ID, id)
                    .put(MicroHeaders.SERVICE, call.service())
                    .put(MicroHeaders.ENDPOINT, call.endpoint())
                    .put(MicroHeaders.METHOD, call.endpoint())
                    .put(MicroHeaders.STREAM, id);
            if (timeout != null) {
                builder.put(MicroHeaders.TIMEOUT, Long.toString(timeout.toNanos()));
            }
            return builder.build();
        }
    }

    private static boolean isEndOfStream(TransportMessage message) {
        return MicroHeaders.get(message.headers(), MicroHeaders.ERROR).filter(MicroHeaders.END_OF_STREAM::equals)
                .isPresent();
    }

    private static CallOptions requireComplete(CallOptions defaults) {
        Objects.requireNonNull(defaults.requestTimeout(), "default requestTimeout");
        Objects.requireNonNull(defaults.connectionTimeout(), "default connectionTimeout");
        Objects.requireNonNull(defaults.retries(), "default retries");
        Objects.requireNonNull(defaults.backoff(), "default backoff");
        Objects.requireNonNull(defaults.retryPolicy(), "default retryPolicy");
        Objects.requireNonNull(defaults.contentType(), "default contentType");
        return defaults;
    }
}
