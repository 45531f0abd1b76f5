package io.microspring.samples.greeter.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The greeter service: the {@link Say} handler registered as {@code go.micro.srv.greeter}. */
@SpringBootApplication
public class GreeterServerApplication {
}
