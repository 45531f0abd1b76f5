package io.microspring.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.reactivestreams.Publisher;

import io.microspring.annotation.MicroClient;
import io.microspring.internal.Types;
import io.microspring.metadata.Metadata;
import io.microspring.registry.Endpoint;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates implementations of {@link MicroClient @MicroClient} interfaces that call through a
 * {@link io.microspring.client.MicroClient}. A method returning {@code Flux<Resp>}, or taking a
 * {@code Publisher<Req>} (or {@code Flux<Req>}) and returning {@code Mono<Resp>} or
 * {@code Flux<Resp>}, opens a stream.
 */
public final class TypedClients {

    private TypedClients() {
    }

    /** An implementation of {@code type}, which must be annotated with {@link MicroClient @MicroClient}. */
    public static <T> T create(Class<T> type, io.microspring.client.MicroClient client) {
        MicroClient annotation = type.getAnnotation(MicroClient.class);
        if (!type.isInterface() || annotation == null) {
            throw new IllegalArgumentException(type.getName() + " must be an interface annotated with @MicroClient");
        }
        String handler = annotation.handler().isEmpty() ? type.getSimpleName() : annotation.handler();
        Map<Method, MethodCall> calls = new ConcurrentHashMap<>();
        InvocationHandler invocation = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(type, annotation.value(), proxy, method, args);
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return calls.computeIfAbsent(method, m -> MethodCall.of(annotation.value(), handler, m))
                    .invoke(client, args == null ? new Object[0] : args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, invocation));
    }

    private static Object objectMethod(Class<?> type, String service, Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "@MicroClient(" + service + ") " + type.getName();
        };
    }

    /**
     * How one interface method maps to a call, or to a stream when it takes a {@code Publisher}
     * of requests or returns a {@code Flux} of responses.
     */
    private record MethodCall(String service, String endpoint, int requestIndex, int metadataIndex, int optionsIndex,
            Type responseType, Class<?> returnType, boolean stream) {

        static MethodCall of(String service, String handler, Method method) {
            int request = -1;
            int metadata = -1;
            int options = -1;
            Class<?>[] parameters = method.getParameterTypes();
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] == Metadata.class) {
                    metadata = i;
                } else if (parameters[i] == CallOptions.class) {
                    options = i;
                } else if (request < 0) {
                    request = i;
                } else {
                    throw new IllegalArgumentException(method + " takes two request parameters; take one request "
                            + "plus optionally Metadata and CallOptions");
                }
            }
            Class<?> returnType = method.getReturnType();
            boolean streamIn = request >= 0 && Publisher.class.isAssignableFrom(parameters[request]);
            boolean streamOut = Flux.class.isAssignableFrom(returnType);
            if (streamIn && !streamOut && !Mono.class.isAssignableFrom(returnType)) {
                throw new IllegalArgumentException(method + " takes a stream of requests, so it must return "
                        + "Mono<Response> (client stream) or Flux<Response> (bidirectional stream)");
            }
            boolean async = streamOut || Mono.class.isAssignableFrom(returnType)
                    || CompletionStage.class.isAssignableFrom(returnType);
            Type responseType = async ? Types.firstTypeArgument(method.getGenericReturnType())
                    : returnType == void.class ? Void.class : method.getGenericReturnType();
            return new MethodCall(service, handler + "." + Endpoint.capitalise(method.getName()), request, metadata,
                    options, responseType, returnType, streamIn || streamOut);
        }

        Object invoke(io.microspring.client.MicroClient client, Object[] args) {
            CallOptions options = optionsIndex >= 0 && args[optionsIndex] != null
                    ? (CallOptions) args[optionsIndex] : CallOptions.none();
            if (metadataIndex >= 0 && args[metadataIndex] != null) {
                Metadata metadata = (Metadata) args[metadataIndex];
                options = CallOptions.builder().metadata(options.metadata().merge(metadata)).build().over(options);
            }
            Object request = requestIndex >= 0 ? args[requestIndex] : null;
            if (stream) {
                Publisher<?> requests = request instanceof Publisher<?> publisher ? publisher : Mono.justOrEmpty(request);
                Flux<Object> responses = client.stream(service, endpoint, requests, responseType, options);
                return Flux.class.isAssignableFrom(returnType) ? responses : responses.next();
            }
            Mono<Object> call = client.call(service, endpoint, request, responseType, options);
            if (Mono.class.isAssignableFrom(returnType)) {
                return call;
            }
            if (CompletionStage.class.isAssignableFrom(returnType)) {
                CompletableFuture<Object> future = call.toFuture();
                return future;
            }
            return call.block();
        }
    }
}
