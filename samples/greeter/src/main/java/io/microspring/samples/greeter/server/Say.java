package io.microspring.samples.greeter.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.samples.greeter.proto.HelloRequest;
import io.microspring.samples.greeter.proto.HelloResponse;
import io.microspring.samples.greeter.proto.StreamRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Endpoints {@code Say.Hello}, {@code Say.Greet}, {@code Say.Stream} and {@code Say.Chat} of
 * {@code go.micro.srv.greeter}: callable with JSON and with protobuf, from Java or from go-micro.
 */
@MicroService(name = "go.micro.srv.greeter")
public class Say {

    private final AtomicLong greetings = new AtomicLong();

    /**
     * Greets without blocking, so it returns a {@code Mono} and runs on the event loop. A method
     * returning a plain value is taken to block (a database call, say) and runs on handler threads.
     * Greeting twice changes nothing, so the endpoint is registered as idempotent: a call whose
     * node died while answering is tried again on another node.
     */
    @MicroHandler(idempotent = true)
    public Mono<HelloResponse> hello(HelloRequest request) {
        return Mono.just(HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build());
    }

    /**
     * Greets and counts: each call is one more greeting of this node, so calling twice is not the
     * same as calling once. Not idempotent (the default): a call whose node died while answering
     * fails rather than being sent again.
     */
    @MicroHandler
    public Mono<HelloResponse> greet(HelloRequest request) {
        long count = greetings.incrementAndGet();
        return Mono.just(HelloResponse.newBuilder().setMsg("Hello " + request.getName() + ", greeting " + count)
                .build());
    }

    /**
     * A server stream: returning a {@code Flux} makes {@code Say.Stream} a streaming endpoint. It
     * sends {@code count} messages {@code "Hello <name> <i>"}, {@code interval_millis} apart, as
     * go-micro's greeter does; a caller that goes away cancels the flux.
     */
    @MicroHandler
    public Flux<HelloResponse> stream(StreamRequest request) {
        Duration interval = Duration.ofMillis(request.getIntervalMillis());
        return Flux.range(1, request.getCount())
                .concatMap(i -> i == 1 || interval.isZero() ? Mono.just(i) : Mono.delay(interval).thenReturn(i))
                .map(i -> HelloResponse.newBuilder().setMsg("Hello " + request.getName() + " " + i).build());
    }

    /** A bidirectional stream: answers each request as it arrives, until the caller ends the stream. */
    @MicroHandler
    public Flux<HelloResponse> chat(Flux<HelloRequest> requests) {
        return requests.map(request -> HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build());
    }
}
