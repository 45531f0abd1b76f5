package io.microspring.broker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.microspring.annotation.MicroSubscriber;
import io.microspring.codec.Codec;
import io.microspring.codec.Codecs;
import io.microspring.codec.Envelope;
import io.microspring.metadata.Metadata;
import io.microspring.registry.Endpoint;
import io.microspring.transport.MicroHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link MicroSubscriber} method bound to its bean: the topic and options it subscribes with, the
 * endpoint it is registered as ({@code <handler>.<Method>}, metadata {@code subscriber=true} and
 * {@code topic}), and how a delivered message reaches it: decoded by its {@code Content-Type}
 * ({@code application/protobuf} when there is none, as on a go-micro server), with the
 * publisher's metadata, blocking methods moved off event loops.
 */
public final class Subscriber {

    private final String name;
    private final String topic;
    private final SubscribeOptions options;
    private final Object bean;
    private final Method method;
    private final ParameterKind[] parameters;
    private final Type messageType;
    private final boolean blocking;
    private final Codecs codecs;

    private Subscriber(String name, String topic, SubscribeOptions options, Object bean, Method method,
            ParameterKind[] parameters, Type messageType, boolean blocking, Codecs codecs) {
        this.name = name;
        this.topic = topic;
        this.options = options;
        this.bean = bean;
        this.method = method;
        this.parameters = parameters;
        this.messageType = messageType;
        this.blocking = blocking;
        this.codecs = codecs;
    }

    /**
     * The subscribers of the {@link MicroSubscriber} methods declared on {@code type} (the bean's own
     * class when {@code bean} is a proxy), invoked on {@code bean} and registered under handler
     * {@code handlerName}; empty when there is none.
     */
    public static List<Subscriber> of(String handlerName, Object bean, Class<?> type, Codecs codecs) {
        return Arrays.stream(type.getMethods())
                .filter(method -> method.isAnnotationPresent(MicroSubscriber.class))
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .sorted(Comparator.comparing(Method::getName))
                .map(method -> of(handlerName, bean, method, codecs))
                .toList();
    }

    private static Subscriber of(String handlerName, Object bean, Method method, Codecs codecs) {
        String where = "@MicroSubscriber " + method.getDeclaringClass().getSimpleName() + "." + method.getName();
        MicroSubscriber annotation = method.getAnnotation(MicroSubscriber.class);
        if (annotation.topic().isBlank()) {
            throw new IllegalArgumentException(where + " needs a topic: @MicroSubscriber(topic = \"...\")");
        }
        if (annotation.durable() && annotation.queue().isEmpty()) {
            throw new IllegalArgumentException(where + " is durable without a queue: durable queues are shared by "
                    + "name, set queue = \"...\"");
        }
        Parameter[] declared = method.getParameters();
        ParameterKind[] kinds = new ParameterKind[declared.length];
        Type messageType = null;
        for (int i = 0; i < declared.length; i++) {
            Class<?> type = declared[i].getType();
            if (type == Metadata.class) {
                kinds[i] = ParameterKind.METADATA;
            } else if (type == BrokerEvent.class) {
                kinds[i] = ParameterKind.EVENT;
            } else if (messageType == null) {
                kinds[i] = ParameterKind.MESSAGE;
                messageType = declared[i].getParameterizedType();
            } else {
                throw new IllegalArgumentException(where + " takes two message parameters; take one message plus "
                        + "optionally Metadata and BrokerEvent");
            }
        }
        if (messageType == null) {
            throw new IllegalArgumentException(where + " takes no message parameter; add one for the decoded message");
        }
        Class<?> returned = method.getReturnType();
        if (Flux.class.isAssignableFrom(returned)) {
            throw new IllegalArgumentException(where + " returns a Flux; return nothing, a Mono or a CompletableFuture");
        }
        boolean blocking = !Mono.class.isAssignableFrom(returned) && !CompletionStage.class.isAssignableFrom(returned);
        SubscribeOptions options = new SubscribeOptions(annotation.queue(), annotation.autoAck(), annotation.durable());
        method.setAccessible(true);
        String name = handlerName + "." + Endpoint.capitalise(method.getName());
        return new Subscriber(name, annotation.topic(), options, bean, method, kinds, messageType, blocking, codecs);
    }

    /** The endpoint name, {@code <handler>.<Method>}. */
    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    public SubscribeOptions options() {
        return options;
    }

    /** The type messages are decoded into. */
    public Type messageType() {
        return messageType;
    }

    /** The endpoint metadata go-micro registers for a subscriber. */
    public Map<String, String> endpointMetadata() {
        return Map.of("topic", topic, "subscriber", "true");
    }

    /**
     * Decodes the message of {@code event} and calls the method; a method that blocks runs on
     * {@code blockingScheduler} when the event arrives on an event loop. A message that cannot be
     * decoded fails with {@link UnreadableMessageException}.
     */
    public Mono<Void> handle(BrokerEvent event, Scheduler blockingScheduler) {
        Object message;
        try {
            message = decode(event);
        } catch (RuntimeException e) {
            return Mono.error(e);
        }
        Metadata metadata = publisherMetadata(event.message().headers());
        if (blocking) {
            Mono<Void> call = Mono.fromRunnable(() -> invoke(event, message, metadata));
            return Schedulers.isInNonBlockingThread() ? call.subscribeOn(blockingScheduler) : call;
        }
        return Mono.defer(() -> {
            Object result = invoke(event, message, metadata);
            if (result == null) {
                return Mono.<Void>empty();
            }
            return result instanceof Mono<?> mono ? mono.then() : Mono.fromCompletionStage((CompletionStage<?>) result).then();
        }).contextWrite(metadata::into);
    }

    private Object decode(BrokerEvent event) {
        BrokerMessage message = event.message();
        String contentType = message.headers().get(BrokerMessage.CONTENT_TYPE_HEADER).filter(type -> !type.isBlank())
                .orElse(Codecs.DEFAULT_CONTENT_TYPE);
        Codec codec = codecs.find(contentType).orElseThrow(() -> new UnreadableMessageException("Cannot decode "
                + describe(event) + " for " + name + ": unsupported Content-Type " + contentType + " (supported: "
                + String.join(", ", codecs.contentTypes()) + ")", null));
        try {
            return codec.decode(message.body(), Envelope.Kind.REQUEST).body(messageType);
        } catch (RuntimeException e) {
            throw new UnreadableMessageException("Cannot decode " + describe(event) + " as " + messageType.getTypeName()
                    + " (" + contentType + ") for " + name + ": " + e.getMessage(), e);
        }
    }

    private static String describe(BrokerEvent event) {
        String id = event.message().id();
        return "message " + (id.isEmpty() ? "without id" : id) + " on topic " + event.topic();
    }

    private static Metadata publisherMetadata(Metadata headers) {
        Metadata.Builder metadata = Metadata.builder();
        headers.asMap().forEach((key, value) -> {
            if (MicroHeaders.isMetadata(key)) {
                metadata.put(key, value);
            }
        });
        return metadata.build();
    }

    private Object invoke(BrokerEvent event, Object message, Metadata metadata) {
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            arguments[i] = switch (parameters[i]) {
                case MESSAGE -> message;
                case METADATA -> metadata;
                case EVENT -> event;
            };
        }
        try {
            return method.invoke(bean, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UndeclaredThrowableException(cause, name + " failed: " + cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method, e);
        }
    }

    @Override
    public String toString() {
        return name + " on topic " + topic + (options.isBroadcast() ? "" : " (queue " + options.queue() + ")");
    }

    private enum ParameterKind {
        MESSAGE, METADATA, EVENT
    }
}
