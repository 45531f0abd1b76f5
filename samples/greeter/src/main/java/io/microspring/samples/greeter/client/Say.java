package io.microspring.samples.greeter.client;

import io.microspring.annotation.MicroClient;
import io.microspring.samples.greeter.proto.HelloRequest;
import io.microspring.samples.greeter.proto.HelloResponse;
import io.microspring.samples.greeter.proto.StreamRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A typed client of {@code go.micro.srv.greeter}: {@code hello} calls {@code Say.Hello},
 * {@code stream} opens the server stream {@code Say.Stream}, {@code chat} the bidirectional
 * stream {@code Say.Chat}.
 */
@MicroClient("go.micro.srv.greeter")
public interface Say {

    Mono<HelloResponse> hello(HelloRequest request);

    Flux<HelloResponse> stream(StreamRequest request);

    Flux<HelloResponse> chat(Flux<HelloRequest> requests);
}
