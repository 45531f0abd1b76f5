package io.microspring.samples.greeter.client;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.samples.greeter.proto.HelloRequest;
import io.microspring.samples.greeter.proto.HelloResponse;
import io.microspring.samples.greeter.proto.StreamRequest;

/**
 * Calls the greeter twice, with {@link MicroClient} over protobuf, then through the typed
 * {@link Say} over JSON; then streams three greetings from {@code Say.Stream}.
 */
@SpringBootApplication
public class GreeterClientApplication {

    @Bean
    ApplicationRunner callGreeter(MicroClient client, Say say) {
        return arguments -> {
            String name = arguments.getNonOptionArgs().isEmpty() ? "John" : arguments.getNonOptionArgs().get(0);
            HelloRequest request = HelloRequest.newBuilder().setName(name).build();
            HelloResponse viaClient = client.callBlocking("go.micro.srv.greeter", "Say.Hello", request,
                    HelloResponse.class, CallOptions.builder().contentType("application/protobuf").build());
            System.out.println("MicroClient (application/protobuf): " + viaClient.getMsg());
            System.out.println("typed Say client (application/json): " + say.hello(request).block().getMsg());
            say.stream(StreamRequest.newBuilder().setName(name).setCount(3).setIntervalMillis(100).build())
                    .doOnNext(message -> System.out.println("Say.Stream: " + message.getMsg()))
                    .blockLast();
        };
    }
}
