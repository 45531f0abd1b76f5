package io.microspring.gatewaytest.srv;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.samples.greeterapi.proto.HelloRequest;
import io.microspring.samples.greeterapi.proto.HelloResponse;

/** The srv layer of go-micro's greeter, {@code go.micro.srv.greeter}, behind greeter-api and /rpc. */
@SpringBootApplication
public class SrvGreeterApplication {

    /** Handler {@code Say}: {@code Say.Hello} answers {@code Hello <name>}. */
    @MicroService(name = "go.micro.srv.greeter")
    public static class Say {

        @MicroHandler
        public HelloResponse hello(HelloRequest request) {
            return HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build();
        }
    }
}
