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

/**
 * A Java greeter named by {@code micro.server-name}, so that tests sharing a machine's mDNS do not
 * see each other's services: {@code Say.Hello} answers {@code Hello <name>}.
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
