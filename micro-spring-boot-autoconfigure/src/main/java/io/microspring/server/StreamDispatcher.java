package io.microspring.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import io.microspring.codec.Codec;
import io.microspring.codec.CodecException;
import io.microspring.codec.Codecs;
import io.microspring.codec.Envelope;
import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;
import io.microspring.transport.MicroHeaders;
import io.microspring.transport.TransportMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Where a stream is dispatched, as go-micro's server does it. The opening message names the
 * endpoint and carries the caller's content type, metadata and {@code Timeout}; its body is not
 * one of the caller's messages (go-micro's generated clients open a stream with an empty one). The
 * caller's later messages are decoded into the endpoint's request type until the caller's
 * end-of-stream message ({@code Micro-Error: EOS}). The handler's messages are encoded in order
 * and followed by the end-of-stream message, or by the error message when the handler fails.
 *
 * <p>A stream still open at the caller's deadline ends with a 408 error message, and one still
 * open when the server stops (after its drain timeout) with a 503. The handler wrappers'
 * {@link HandlerWrapper#wrapStream} run around the handler, and see those interruptions as errors.
 */
final class StreamDispatcher {

    private static final String ID = "go.micro.server";

    private final String serviceName;
    private final Map<String, EndpointMethod> endpoints;
    private final Codecs codecs;
    private final List<HandlerWrapper> wrappers;
    private final BiFunction<Throwable, CallContext, MicroException> errors;
    private final Sinks.Empty<Void> stopping = Sinks.empty();

    StreamDispatcher(String serviceName, Map<String, EndpointMethod> endpoints, Codecs codecs,
            List<HandlerWrapper> wrappers, BiFunction<Throwable, CallContext, MicroException> errors) {
        this.serviceName = serviceName;
        this.endpoints = endpoints;
        this.codecs = codecs;
        this.wrappers = List.copyOf(wrappers);
        this.errors = errors;
    }

    /** The messages answering the stream opened by {@code opening}, whose later messages are {@code inbound}. */
    Flux<TransportMessage> serve(TransportMessage opening, Flux<TransportMessage> inbound) {
        Metadata headers = opening.headers();
        String contentType = MicroHeaders.get(headers, MicroHeaders.CONTENT_TYPE).orElse(Codecs.DEFAULT_CONTENT_TYPE);
        Codec codec = codecs.find(contentType).orElse(null);
        if (codec == null) {
            return refuse(headers, null, null, new MicroException(ID, 415, "unsupported Content-Type: " + contentType
                    + " (supported: " + String.join(", ", codecs.contentTypes()) + ")"));
        }
        String endpointName = MicroHeaders.get(headers, MicroHeaders.ENDPOINT)
                .or(() -> MicroHeaders.get(headers, MicroHeaders.METHOD)).orElse("");
        Envelope envelope = Envelope.request(MicroHeaders.get(headers, MicroHeaders.ID).orElse(""), endpointName);
        String service = MicroHeaders.get(headers, MicroHeaders.SERVICE).orElse(serviceName);
        EndpointMethod endpoint = endpoints.get(endpointName);
        if (endpointName.isEmpty()) {
            return refuse(headers, codec, envelope, MicroException.badRequest(ID,
                    "missing %s header: name the endpoint to stream, for example Say.Stream", MicroHeaders.ENDPOINT));
        }
        if (!service.equals(serviceName)) {
            return refuse(headers, codec, envelope, MicroException.notFound(ID,
                    "unknown service %s: this node serves %s", service, serviceName));
        }
        if (endpoint == null) {
            return refuse(headers, codec, envelope, MicroException.notFound(ID, "unknown endpoint %s of service %s "
                    + "(it has %s)", endpointName, serviceName, String.join(", ", endpoints.keySet().stream().sorted()
                    .toList())));
        }
        if (endpoint.shape() == EndpointMethod.Shape.UNARY) {
            return refuse(headers, codec, envelope, MicroException.badRequest(ID,
                    "%s is not a streaming endpoint: call it without the %s header", endpointName, MicroHeaders.STREAM));
        }
        CallContext context = new CallContext(serviceName, endpointName, contentType, CallerMetadata.of(headers),
                RpcDispatcher.deadlineOf(headers), endpoint.descriptor().metadata());
        Flux<Object> requests = inbound
                .takeWhile(message -> !isEndOfStream(message))
                .map(message -> read(message, codec, endpoint));
        AtomicReference<MicroException> interrupted = new AtomicReference<>();
        return chain(endpoint, interrupted).proceed(context, requests)
                .map(answer -> RpcDispatcher.answer(headers, codec, envelope, answer))
                .concatWith(Mono.fromSupplier(() -> endOfStream(headers)))
                .onErrorResume(error -> Mono.just(RpcDispatcher.errorAnswer(headers, codec, envelope,
                        error == interrupted.get() ? interrupted.get() : errors.apply(error, context))))
                .contextWrite(reactorContext -> context.metadata().into(reactorContext));
    }

    /** Ends every open stream with a 503 error message. */
    void endAll() {
        stopping.tryEmitEmpty();
    }

    /** The end-of-stream message, answering the stream opened with {@code requestHeaders}. */
    static TransportMessage endOfStream(Metadata requestHeaders) {
        return new TransportMessage(AnswerHeaders.echoing(requestHeaders).error(MicroHeaders.END_OF_STREAM)
                .metadata(), null);
    }

    /** The handler wrappers around the handler, which stops at an interruption, recorded in {@code interrupted}. */
    private HandlerWrapper.StreamNext chain(EndpointMethod endpoint, AtomicReference<MicroException> interrupted) {
        HandlerWrapper.StreamNext chain = (context, requests) -> interruptible(invoke(endpoint, context, requests),
                context, interrupted);
        for (int i = wrappers.size() - 1; i >= 0; i--) {
            HandlerWrapper wrapper = wrappers.get(i);
            HandlerWrapper.StreamNext next = chain;
            chain = (context, requests) -> Flux.defer(() -> wrapper.wrapStream(context, requests, next));
        }
        return chain;
    }

    /** The handler's messages: a server stream's handler takes the first request, the others all of them. */
    private static Flux<Object> invoke(EndpointMethod endpoint, CallContext context, Flux<Object> requests) {
        if (endpoint.shape() != EndpointMethod.Shape.SERVER_STREAM) {
            return endpoint.invokeStream(context, requests);
        }
        return requests.next()
                .switchIfEmpty(Mono.error(() -> MicroException.badRequest(ID, "the stream to %s ended before its "
                        + "request", endpoint.name())))
                .flatMapMany(request -> endpoint.invokeStream(context, request));
    }

    /**
     * {@code answers} until the caller's deadline passes or the server stops, whichever comes
     * first; then the handler is cancelled and the stream fails with the interruption's error.
     */
    private Flux<Object> interruptible(Flux<Object> answers, CallContext context,
            AtomicReference<MicroException> interrupted) {
        Mono<MicroException> stop = stopping.asMono().then(Mono.fromSupplier(() -> new MicroException(ID, 503,
                "server " + serviceName + " stopped while the stream was open")));
        Mono<MicroException> interruption = context.remaining()
                .map(left -> stop.or(Mono.delay(left.isNegative() ? Duration.ZERO : left)
                        .map(tick -> MicroException.timeout(ID, "%s: the caller's deadline passed", context.endpoint()))))
                .orElse(stop);
        return answers.takeUntilOther(interruption.doOnNext(interrupted::set))
                .concatWith(Mono.defer(() -> interrupted.get() == null ? Mono.empty() : Mono.error(interrupted.get())));
    }

    private static boolean isEndOfStream(TransportMessage message) {
        return MicroHeaders.get(message.headers(), MicroHeaders.ERROR)
                .filter(MicroHeaders.END_OF_STREAM::equals).isPresent();
    }

    private static Object read(TransportMessage message, Codec codec, EndpointMethod endpoint) {
        String error = MicroHeaders.get(message.headers(), MicroHeaders.ERROR).orElse("");
        if (!error.isEmpty()) {
            throw MicroException.parse(error);
        }
        try {
            return codec.decode(message.body(), Envelope.Kind.REQUEST).body(endpoint.requestType());
        } catch (CodecException e) {
            throw MicroException.badRequest(ID, "cannot read a message of %s: %s", endpoint.name(), e.getMessage());
        }
    }

    private static Flux<TransportMessage> refuse(Metadata headers, Codec codec, Envelope envelope,
            MicroException error) {
        return Flux.just(RpcDispatcher.errorAnswer(headers, codec, envelope, error));
    }
}
