package io.microspring.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.reactivestreams.Publisher;

import io.microspring.internal.Types;
import io.microspring.metadata.Metadata;
import io.microspring.registry.Endpoint;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One endpoint: a handler method with what is needed to call it. It knows the request type to
 * decode, where the {@link Metadata} and {@link CallContext} parameters go, whether the method
 * blocks (it returns a plain value) and so must run off the event loop, and its {@link Shape}: a
 * {@code Flux} parameter or return type makes it a streaming endpoint.
 */
public final class EndpointMethod {

    /** The endpoint metadata key go-micro sets to {@code "true"} on streaming endpoints. */
    public static final String STREAM_METADATA = "stream";

    private final String name;
    private final Object bean;
    private final Method method;
    private final ParameterKind[] parameters;
    private final Type requestType;
    private final Type responseType;
    private final ReturnKind returnKind;
    private final Shape shape;
    private final Endpoint descriptor;

    private EndpointMethod(String name, Object bean, Method method, ParameterKind[] parameters, Type requestType,
            Type responseType, ReturnKind returnKind, Shape shape, Map<String, String> metadata) {
        this.name = name;
        this.bean = bean;
        this.method = method;
        this.parameters = parameters;
        this.requestType = requestType;
        this.responseType = responseType;
        this.returnKind = returnKind;
        this.shape = shape;
        this.descriptor = new Endpoint(name, ValueDescriber.describe(requestType),
                ValueDescriber.describe(responseType), metadata);
    }

    static EndpointMethod of(String name, Object bean, Method method, Map<String, String> metadata) {
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        Parameter[] declared = method.getParameters();
        ParameterKind[] kinds = new ParameterKind[declared.length];
        Type requestType = Void.class;
        boolean streamIn = false;
        for (int i = 0; i < declared.length; i++) {
            Class<?> type = declared[i].getType();
            if (type == Metadata.class) {
                kinds[i] = ParameterKind.METADATA;
            } else if (type == CallContext.class) {
                kinds[i] = ParameterKind.CONTEXT;
            } else if (requestType == Void.class) {
                kinds[i] = ParameterKind.REQUEST;
                streamIn = Flux.class.isAssignableFrom(type);
                requestType = streamIn ? Types.firstTypeArgument(declared[i].getParameterizedType())
                        : declared[i].getParameterizedType();
            } else {
                throw new IllegalArgumentException("@MicroHandler " + where + " takes two request parameters; take one "
                        + "request plus optionally Metadata and CallContext");
            }
        }
        Class<?> returned = method.getReturnType();
        boolean streamOut = Flux.class.isAssignableFrom(returned);
        Shape shape = streamIn ? (streamOut ? Shape.BIDIRECTIONAL : Shape.CLIENT_STREAM)
                : streamOut ? Shape.SERVER_STREAM : Shape.UNARY;
        if (shape == Shape.CLIENT_STREAM && !Mono.class.isAssignableFrom(returned)) {
            throw new IllegalArgumentException("@MicroHandler " + where + " takes a Flux of requests, so it must return "
                    + "Mono<Response> (client stream) or Flux<Response> (bidirectional stream)");
        }
        ReturnKind returnKind = Mono.class.isAssignableFrom(returned) || streamOut ? ReturnKind.MONO
                : CompletionStage.class.isAssignableFrom(returned) ? ReturnKind.FUTURE
                : ReturnKind.VALUE;
        Type responseType = returnKind == ReturnKind.VALUE ? method.getGenericReturnType()
                : Types.firstTypeArgument(method.getGenericReturnType());
        method.setAccessible(true);
        Map<String, String> described = metadata;
        if (shape != Shape.UNARY) {
            described = new LinkedHashMap<>(metadata);
            described.put(STREAM_METADATA, "true");
        }
        return new EndpointMethod(name, bean, method, kinds, requestType, responseType, returnKind, shape, described);
    }

    /** The full endpoint name, {@code Handler.Method}. */
    public String name() {
        return name;
    }

    /** Whether the endpoint takes or returns a stream, and which. */
    public Shape shape() {
        return shape;
    }

    /** The type the request body (or each message of a request stream) is decoded into. */
    public Type requestType() {
        return requestType;
    }

    /** The type of the response, or of each message of a response stream. */
    public Type responseType() {
        return responseType;
    }

    /** Whether the method returns a plain value and so is run on the handler threads. */
    public boolean blocking() {
        return returnKind == ReturnKind.VALUE;
    }

    /** The endpoint as registered, with its request and response descriptions. */
    public Endpoint descriptor() {
        return descriptor;
    }

    /** Calls the method; blocking methods run on {@code blockingScheduler}. */
    Mono<Object> invoke(CallContext context, Object request, Scheduler blockingScheduler) {
        if (returnKind == ReturnKind.VALUE) {
            return Mono.fromCallable(() -> context.runAsCurrent(() -> call(context, request)))
                    .subscribeOn(blockingScheduler);
        }
        return Mono.defer(() -> {
            Object result = call(context, request);
            if (result == null) {
                return Mono.empty();
            }
            if (returnKind == ReturnKind.MONO) {
                return asObjects((Mono<?>) result);
            }
            return Mono.fromCompletionStage((CompletionStage<?>) result);
        });
    }

    /** A Mono of any value as one of objects, without an operator per call to cast each value. */
    @SuppressWarnings("unchecked")
    private static Mono<Object> asObjects(Mono<?> result) {
        return (Mono<Object>) result;
    }

    /**
     * Calls a stream endpoint with {@code request}, a single request or a {@code Flux} of them as
     * the shape says; its response, one message or many, as a flux. Stream handlers must not block.
     */
    Flux<Object> invokeStream(CallContext context, Object request) {
        return Flux.defer(() -> {
            Object result = call(context, request);
            return result == null ? Flux.empty() : Flux.from((Publisher<?>) result);
        }).map(Object.class::cast);
    }

    private Object call(CallContext context, Object request) {
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            arguments[i] = switch (parameters[i]) {
                case REQUEST -> request;
                case METADATA -> context.metadata();
                case CONTEXT -> context;
            };
        }
        try {
            return method.invoke(bean, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new HandlerFailedException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method, e);
        }
    }

    /** How an endpoint exchanges messages: one each way, or a stream on one or both sides. */
    public enum Shape {
        /** {@code Resp m(Req)}, or a {@code Mono} or {@code CompletionStage} of it. */
        UNARY,
        /** {@code Flux<Resp> m(Req)}. */
        SERVER_STREAM,
        /** {@code Mono<Resp> m(Flux<Req>)}. */
        CLIENT_STREAM,
        /** {@code Flux<Resp> m(Flux<Req>)}. */
        BIDIRECTIONAL
    }

    private enum ParameterKind {
        REQUEST, METADATA, CONTEXT
    }

    private enum ReturnKind {
        VALUE, MONO, FUTURE
    }

    /** A checked exception thrown by a handler method, carried unchanged to the error mapping. */
    static final class HandlerFailedException extends RuntimeException {

        HandlerFailedException(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
