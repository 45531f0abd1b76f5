package io.microspring.gatewaytest.named;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.samples.greeterapi.proto.HelloRequest;
import io.microspring.samples.greeterapi.proto.HelloResponse;
import reactor.core.publisher.Flux;

/**
 * A Java greeter named by {@code micro.server-name}, so that tests sharing a machine's mDNS do not
 * see each other's services: {@code Say.Hello} answers {@code Hello <name>}, {@code Say.Stream}
 * streams three greetings.
 */
@SpringBootApplication
public class NamedGreeterApplication {

    /** Handler {@code Say}. */
    @MicroService
    public static class Say {

        @MicroHandler
        public HelloResponse hello(HelloRequest request) {
            return HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build();
        }

        /** A stream of three greetings, {@code Hello <name> 1} to {@code 3}. */
        @MicroHandler
        public Flux<HelloResponse> stream(HelloRequest request) {
            return Flux.range(1, 3).map(i -> HelloResponse.newBuilder().setMsg("Hello " + request.getName() + " " + i)
                    .build());
        }
    }

    /** Starts the greeter as service {@code name} with {@code properties} ({@code micro.registry=etcd}). */
    public static ConfigurableApplicationContext start(String name, Map<String, String> properties) {
        List<String> args = new ArrayList<>(List.of("--micro.server-name=" + name,
                "--micro.server-address=127.0.0.1:0"));
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(NamedGreeterApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }
}
