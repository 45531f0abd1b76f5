package io.microspring.server;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.codec.Codec;
import io.microspring.codec.CodecException;
import io.microspring.codec.Codecs;
import io.microspring.codec.Envelope;
import io.microspring.errors.ExceptionMapper;
import io.microspring.errors.MicroException;
import io.microspring.internal.Deadlines;
import io.microspring.metadata.Metadata;
import io.microspring.transport.MicroHeaders;
import io.microspring.transport.TransportHandler;
import io.microspring.transport.TransportMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Where a call is dispatched: reads the Micro headers of a received message, finds the endpoint,
 * decodes the body with the codec of its content type, runs the handler wrappers and the handler
 * (past the caller's deadline it answers 408), and encodes the answer. Every failure becomes a
 * go-micro error in the {@code Micro-Error} header; nothing else leaves this class.
 */
final class RpcDispatcher implements TransportHandler {

    private static final Logger log = LoggerFactory.getLogger(RpcDispatcher.class);
    private static final String ID = "go.micro.server";

    private final String serviceName;
    private final Map<String, EndpointMethod> endpoints;
    private final Codecs codecs;
    private final List<HandlerWrapper> wrappers;
    private final Scheduler blockingScheduler;
    private final StreamDispatcher streams;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;
    private volatile long lastRefusedAt;

    RpcDispatcher(String serviceName, Map<String, EndpointMethod> endpoints, Codecs codecs,
            List<HandlerWrapper> wrappers, Scheduler blockingScheduler) {
        this.serviceName = serviceName;
        this.endpoints = Map.copyOf(endpoints);
        this.codecs = codecs;
        this.wrappers = List.copyOf(wrappers);
        this.blockingScheduler = blockingScheduler;
        this.streams = new StreamDispatcher(serviceName, this.endpoints, codecs, this.wrappers,
                this::toMicroException);
    }

    @Override
    public Mono<TransportMessage> handle(TransportMessage message) {
        Metadata headers = message.headers();
        if (draining) {
            lastRefusedAt = System.nanoTime();
            return Mono.just(errorAnswer(headers, null, null, shuttingDown()));
        }
        inFlight.incrementAndGet();
        try {
            return dispatch(message);
        } catch (RuntimeException e) {
            return ended(Mono.error(e));
        }
    }

    /** Serves a stream, see {@link StreamDispatcher}; streams count as calls in flight. */
    @Override
    public Flux<TransportMessage> stream(TransportMessage opening, Flux<TransportMessage> inbound) {
        if (draining) {
            lastRefusedAt = System.nanoTime();
            return Flux.just(errorAnswer(opening.headers(), null, null, shuttingDown()));
        }
        inFlight.incrementAndGet();
        return Flux.defer(() -> streams.serve(opening, inbound))
                .doFinally(signal -> inFlight.decrementAndGet());
    }

    private MicroException shuttingDown() {
        return new MicroException(ID, 503, "server " + serviceName + " is shutting down; call another node");
    }

    /** Ends the streams still open with a 503 error message, once the drain timeout has passed. */
    void endStreams() {
        streams.endAll();
    }

    /** Answers later calls with 503 so that callers retry them on another node. */
    void startDraining() {
        lastRefusedAt = System.nanoTime();
        draining = true;
    }

    /**
     * When ({@link System#nanoTime()}) the last call was refused while draining, or draining
     * began: callers that have not yet seen the deregistration are still sending calls until then.
     */
    long lastRefusedAt() {
        return lastRefusedAt;
    }

    /** Calls still being served. */
    int inFlight() {
        return inFlight.get();
    }

    private Mono<TransportMessage> dispatch(TransportMessage message) {
        Metadata headers = message.headers();
        String contentType = valueOr(headers, MicroHeaders.CONTENT_TYPE, Codecs.DEFAULT_CONTENT_TYPE);
        Codec codec = codecs.find(contentType).orElse(null);
        if (codec == null) {
            return ended(errorAnswer(headers, null, null, new MicroException(ID, 415, "unsupported Content-Type: "
                    + contentType + " (supported: " + String.join(", ", codecs.contentTypes()) + ")")));
        }
        Codec.Decoded decoded;
        try {
            decoded = codec.decode(message.body(), Envelope.Kind.REQUEST);
        } catch (CodecException e) {
            return ended(errorAnswer(headers, codec, null, MicroException.badRequest(ID, e.getMessage())));
        }
        Envelope request = decoded.envelope();
        String service = valueOr(headers, MicroHeaders.SERVICE, serviceName);
        String endpointName = MicroHeaders.valueOf(headers, MicroHeaders.ENDPOINT);
        if (endpointName == null) {
            endpointName = valueOr(headers, MicroHeaders.METHOD, request.endpoint());
        }
        if (endpointName.isEmpty()) {
            return ended(errorAnswer(headers, codec, request, MicroException.badRequest(ID,
                    "missing %s header: name the endpoint to call, for example Say.Hello", MicroHeaders.ENDPOINT)));
        }
        if (!service.equals(serviceName)) {
            return ended(errorAnswer(headers, codec, request, MicroException.notFound(ID,
                    "unknown service %s: this node serves %s", service, serviceName)));
        }
        EndpointMethod endpoint = endpoints.get(endpointName);
        if (endpoint == null) {
            return ended(errorAnswer(headers, codec, request, MicroException.notFound(ID,
                    "unknown endpoint %s of service %s (it has %s)", endpointName, serviceName,
                    String.join(", ", endpoints.keySet().stream().sorted().toList()))));
        }
        if (endpoint.shape() != EndpointMethod.Shape.UNARY) {
            return ended(errorAnswer(headers, codec, request, MicroException.badRequest(ID,
                    "%s is a streaming endpoint: open a stream (a request with the %s header on a connection of "
                    + "its own)", endpointName, MicroHeaders.STREAM)));
        }
        Object body;
        try {
            body = decoded.body(endpoint.requestType());
        } catch (CodecException e) {
            return ended(errorAnswer(headers, codec, request, MicroException.badRequest(ID,
                    "cannot read the request of %s: %s", endpointName, e.getMessage())));
        }
        long timeout = timeoutOf(headers);
        CallContext context = new CallContext(serviceName, endpointName, contentType, CallerMetadata.of(headers),
                deadlineAfter(timeout), endpoint.descriptor().metadata());
        Envelope answered = request.endpoint().isEmpty()
                ? new Envelope(Envelope.Kind.REQUEST, request.id(), endpointName, "") : request;
        Mono<Object> call = invoke(endpoint, context, body);
        return new CallAnswer(timeout > 0 ? Deadlines.within(call, Duration.ofNanos(timeout)) : call,
                context.metadata(), new UnaryAnswers(headers, codec, answered, context));
    }

    /** The answers of one unary call, to the request with {@code headers} and {@code envelope}. */
    private final class UnaryAnswers implements CallAnswer.Answers {

        private final Metadata headers;
        private final Codec codec;
        private final Envelope envelope;
        private final CallContext context;

        UnaryAnswers(Metadata headers, Codec codec, Envelope envelope, CallContext context) {
            this.headers = headers;
            this.codec = codec;
            this.envelope = envelope;
            this.context = context;
        }

        @Override
        public TransportMessage answer(Object value) {
            return RpcDispatcher.answer(headers, codec, envelope, value);
        }

        @Override
        public TransportMessage errorAnswer(Throwable error) {
            return RpcDispatcher.errorAnswer(headers, codec, envelope, toMicroException(error, context));
        }

        @Override
        public void ended() {
            inFlight.decrementAndGet();
        }
    }

    /** {@code answer}, ending the call in flight once it has been passed on. */
    private Mono<TransportMessage> ended(TransportMessage answer) {
        return ended(Mono.just(answer));
    }

    private Mono<TransportMessage> ended(Mono<TransportMessage> answer) {
        return answer.doFinally(signal -> inFlight.decrementAndGet());
    }

    /**
     * The handler behind its wrappers. Each inner link is deferred to its subscription; the
     * outermost is subscribed right away by the answer, so it is called now, its failure an error.
     */
    private Mono<Object> invoke(EndpointMethod endpoint, CallContext context, Object request) {
        HandlerWrapper.Next chain = (ctx, req) -> endpoint.invoke(ctx, req, blockingScheduler);
        for (int i = wrappers.size() - 1; i > 0; i--) {
            HandlerWrapper wrapper = wrappers.get(i);
            HandlerWrapper.Next next = chain;
            chain = (ctx, req) -> Mono.defer(() -> wrapper.wrap(ctx, req, next));
        }
        try {
            return wrappers.isEmpty() ? chain.proceed(context, request)
                    : wrappers.get(0).wrap(context, request, chain);
        } catch (RuntimeException e) {
            return Mono.error(e);
        }
    }

    MicroException toMicroException(Throwable error, CallContext context) {
        if (error instanceof TimeoutException) {
            return MicroException.timeout(ID, "%s did not answer within the caller's timeout", context.endpoint());
        }
        Throwable cause = error instanceof EndpointMethod.HandlerFailedException ? error.getCause() : error;
        MicroException mapped = ExceptionMapper.toMicroException(serviceName, cause);
        if (mapped.code() >= 500) {
            log.error("Handler {} failed", context.endpoint(), cause);
        } else {
            log.debug("Handler {} answered {}", context.endpoint(), mapped.toJson());
        }
        return mapped;
    }

    static TransportMessage answer(Metadata requestHeaders, Codec codec, Envelope request, Object result) {
        byte[] body = codec.encode(Envelope.responseTo(request, ""), result);
        AnswerHeaders headers = AnswerHeaders.echoing(requestHeaders);
        if (body.length > 0) {
            headers.contentType(codec.contentType());
        }
        return new TransportMessage(headers.metadata(), body);
    }

    static TransportMessage errorAnswer(Metadata requestHeaders, Codec codec, Envelope request,
            MicroException error) {
        String json = error.toJson();
        AnswerHeaders headers = AnswerHeaders.echoing(requestHeaders).error(json);
        byte[] body = new byte[0];
        if (codec != null && request != null && isRpcEnvelope(codec)) {
            body = codec.encode(Envelope.responseTo(request, json), null);
            headers.contentType(codec.contentType());
        }
        return new TransportMessage(headers.metadata(), body);
    }

    private static boolean isRpcEnvelope(Codec codec) {
        return codec.contentType().endsWith("-rpc");
    }

    /** The caller's deadline from its {@code Timeout} header; {@code null} when it set none. */
    static Instant deadlineOf(Metadata headers) {
        return deadlineAfter(timeoutOf(headers));
    }

    /** The value of the Micro header {@code name} (either form), else {@code otherwise}. */
    private static String valueOr(Metadata headers, String name, String otherwise) {
        String value = MicroHeaders.valueOf(headers, name);
        return value != null ? value : otherwise;
    }

    /** The instant {@code timeout} nanoseconds from now; {@code null} (no deadline) when it is 0 or less. */
    private static Instant deadlineAfter(long timeout) {
        return timeout > 0 ? Instant.now().plusNanos(timeout) : null;
    }

    /** The caller's {@code Timeout} in nanoseconds; 0 or less when it set none, or none readable. */
    private static long timeoutOf(Metadata headers) {
        String nanos = headers.get(MicroHeaders.TIMEOUT).orElse(null);
        if (nanos == null) {
            return 0;
        }
        try {
            return Long.parseLong(nanos.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
