package io.microspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Subscribes a method of a {@link MicroService} bean to a topic, as go-micro's
 * {@code micro.RegisterSubscriber}: the service subscribes when it starts, unsubscribes when it
 * stops, and registers the method as an endpoint with metadata {@code subscriber=true} and
 * {@code topic}.
 *
 * <pre>
 * &#64;MicroSubscriber(topic = "go.micro.topic.events", queue = "workers")
 * void onEvent(Event event, Metadata metadata) { ... }
 * </pre>
 *
 * The method takes the message, decoded by its {@code Content-Type} (JSON or protobuf), and
 * optionally the publisher's {@code Metadata} and the {@code BrokerEvent} (topic, headers,
 * {@code ack()}), in any order. It returns nothing (it is then taken to block and runs off the event
 * loop), or a {@code Mono} or {@code CompletableFuture} that completes when the message is handled.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MicroSubscriber {

    /** The topic, for example {@code go.micro.topic.events}. */
    String topic();

    /**
     * The queue group: each message goes to one member of the group; empty sends every message to
     * this subscriber. On RabbitMQ it names the queue, so give each topic's group its own name.
     */
    String queue() default "";

    /** Whether the message is acknowledged once the method succeeds; {@code false} leaves it to {@code BrokerEvent.ack()}. */
    boolean autoAck() default true;

    /** Whether the queue outlives its subscribers (RabbitMQ; needs a queue). */
    boolean durable() default false;
}
