package io.microspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link MicroService} bean as an RPC endpoint. The method takes the request
 * and optionally the call's {@code Metadata} or {@code CallContext}, in any order, and returns the
 * response as a value, a {@code Mono} or a {@code CompletableFuture} (or nothing).
 *
 * <p>Methods that return a plain value are taken to block and run on the server's handler
 * threads; methods returning {@code Mono} or {@code CompletableFuture} run on the event loop and
 * must not block.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MicroHandler {

    /** The method part of the endpoint name; empty takes the method's name, capitalised ({@code hello} gives {@code Hello}). */
    String name() default "";

    /** Endpoint metadata as {@code key=value} entries, registered with the endpoint. */
    String[] metadata() default {};

    /**
     * How the API gateway serves this endpoint: {@code rpc} (the HTTP body is the request),
     * {@code api} (the request is an {@code api.Request}), {@code http} or {@code event}. Empty
     * leaves it to the gateway, or means {@code rpc} when a {@link #path} is given.
     */
    String handler() default "";

    /**
     * HTTP paths the gateway routes to this endpoint: templates such as {@code /greeter/{name}}
     * ({@code {name}} is one segment, {@code {name=**}} or {@code **} the rest) or regular
     * expressions {@code ^...$}. Template variables become fields of the request.
     */
    String[] path() default {};

    /** HTTP methods the {@link #path} routes, for example {@code GET}; empty for any. */
    String[] method() default {};

    /** Regular expressions the request's host must match for the {@link #path} to route; empty for any. */
    String[] host() default {};

    /**
     * Whether calling the endpoint twice does no more than calling it once, so that a call whose
     * connection failed after the request was sent may be tried again on another node. Registered
     * as endpoint metadata {@code idempotent=true}, which clients and the gateway read.
     */
    boolean idempotent() default false;

    /**
     * Who may call the endpoint once the service requires auth ({@code micro.auth}): {@code public},
     * {@code authenticated} (any valid token) or {@code scope:<name>} (a token granting that scope).
     * Registered as endpoint metadata {@code auth}; {@code micro.auth.rules} override it. Empty
     * leaves it to the rules and {@code micro.auth.default-access}.
     */
    String auth() default "";
}
