package io.microspring.samples.greeter.server;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.samples.greeter.proto.HelloRequest;
import io.microspring.samples.greeter.proto.HelloResponse;

/** Endpoint {@code Say.Hello} of {@code go.micro.srv.greeter}: callable with JSON and with protobuf. */
@MicroService(name = "go.micro.srv.greeter")
public class Say {

    @MicroHandler
    public HelloResponse hello(HelloRequest request) {
        return HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build();
    }
}
