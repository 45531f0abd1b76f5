package io.microspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * Marks a bean whose {@link MicroHandler} methods are endpoints of a go-micro service. The bean is
 * a handler: its endpoints are named {@code <handler>.<Method>}, for example {@code Say.Hello} for
 * method {@code hello} of class {@code Say}.
 *
 * <pre>
 * &#64;MicroService(name = "go.micro.srv.greeter")
 * class Say {
 *     &#64;MicroHandler
 *     HelloResponse hello(HelloRequest request) { ... }
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface MicroService {

    /** The service name, for example {@code go.micro.srv.greeter}; empty takes {@code micro.server-name}. */
    String name() default "";

    /** The service version; empty takes {@code micro.server-version} ({@code latest} by default). */
    String version() default "";

    /** Node metadata as {@code key=value} entries, added to {@code micro.server-metadata}. */
    String[] metadata() default {};

    /** The handler name, the first part of endpoint names; empty takes the class's simple name. */
    String handler() default "";
}
