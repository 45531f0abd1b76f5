package io.microspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a typed client of a go-micro service: each method of the interface calls endpoint
 * {@code <handler>.<Method>}. Such interfaces in the application's packages become beans.
 *
 * <pre>
 * &#64;MicroClient("go.micro.srv.greeter")
 * interface Say {
 *     HelloResponse hello(HelloRequest request);            // blocking
 *     Mono&lt;HelloResponse&gt; helloAsync(HelloRequest request); // calls Say.HelloAsync
 *     Flux&lt;HelloResponse&gt; stream(StreamRequest request);     // server stream Say.Stream
 *     Flux&lt;HelloResponse&gt; chat(Flux&lt;HelloRequest&gt; requests); // bidirectional stream Say.Chat
 * }
 * </pre>
 *
 * A method takes the request and optionally {@code Metadata} and {@code CallOptions}, and returns
 * the response type, a {@code Mono} or a {@code CompletableFuture} of it. Streams: a method
 * returning {@code Flux<Resp>} opens a server stream; one taking a {@code Flux<Req>} (or any
 * {@code Publisher}) returns {@code Mono<Resp>} (client stream) or {@code Flux<Resp>} (bidirectional).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MicroClient {

    /** The service to call, for example {@code go.micro.srv.greeter}. */
    String value();

    /** The handler name, the first part of endpoint names; empty takes the interface's simple name. */
    String handler() default "";
}
