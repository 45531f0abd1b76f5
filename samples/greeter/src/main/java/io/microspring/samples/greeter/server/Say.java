package io.microspring.samples.greeter.server;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.samples.greeter.proto.HelloRequest;
import io.microspring.samples.greeter.proto.HelloResponse;
import reactor.core.publisher.Mono;

/** Endpoint {@code Say.Hello} of {@code go.micro.srv.greeter}: callable with JSON and with protobuf. */
@MicroService(name = "go.micro.srv.greeter")
public class Say {

    /**
     * Greets without blocking, so it returns a {@code Mono} and runs on the event loop. A method
     * returning a plain value is taken to block (a database call, say) and runs on handler threads.
     */
    @MicroHandler
    public Mono<HelloResponse> hello(HelloRequest request) {
        return Mono.just(HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build());
    }
}
