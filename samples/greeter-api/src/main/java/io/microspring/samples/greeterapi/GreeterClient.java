package io.microspring.samples.greeterapi;

import io.microspring.annotation.MicroClient;
import io.microspring.samples.greeterapi.proto.HelloRequest;
import io.microspring.samples.greeterapi.proto.HelloResponse;
import reactor.core.publisher.Mono;

/** The typed client of the srv layer, {@code go.micro.srv.greeter}. */
@MicroClient(value = "go.micro.srv.greeter", handler = "Say")
public interface GreeterClient {

    /** Calls {@code Say.Hello}. */
    Mono<HelloResponse> hello(HelloRequest request);
}
