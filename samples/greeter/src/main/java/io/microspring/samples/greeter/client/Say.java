package io.microspring.samples.greeter.client;

import io.microspring.annotation.MicroClient;
import io.microspring.samples.greeter.proto.HelloRequest;
import io.microspring.samples.greeter.proto.HelloResponse;
import reactor.core.publisher.Mono;

/** A typed client of {@code go.micro.srv.greeter}: {@code hello} calls {@code Say.Hello}. */
@MicroClient("go.micro.srv.greeter")
public interface Say {

    Mono<HelloResponse> hello(HelloRequest request);
}
