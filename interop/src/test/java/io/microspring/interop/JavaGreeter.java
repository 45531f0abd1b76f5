package io.microspring.interop;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.errors.MicroException;
import io.microspring.interop.proto.ErrorRequest;
import io.microspring.interop.proto.ErrorResponse;
import io.microspring.interop.proto.HelloRequest;
import io.microspring.interop.proto.HelloResponse;
import io.microspring.interop.proto.MetaRequest;
import io.microspring.interop.proto.MetaResponse;
import io.microspring.interop.proto.StreamRequest;
import io.microspring.server.CallContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The Java twin of the Go peer's {@code Say} handler (interop/cmd/greeter-srv), same .proto. */
@MicroService(handler = "Say")
public class JavaGreeter {

    /** Say.Stream handlers running now. */
    static final AtomicInteger OPEN_STREAMS = new AtomicInteger();

    @MicroHandler
    public HelloResponse hello(HelloRequest request) {
        if (request.getName().equals("bad")) {
            throw MicroException.badRequest("x", "bad name");
        }
        return HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build();
    }

    @MicroHandler
    public MetaResponse meta(MetaRequest request, CallContext context) {
        MetaResponse.Builder response = MetaResponse.newBuilder();
        String prefix = request.getPrefix().toLowerCase(java.util.Locale.ROOT);
        context.metadata().asMap().forEach((key, value) -> {
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
                response.putMetadata(key, value);
            }
        });
        context.remaining().ifPresent(left -> response.setDeadlineMillis(Math.max(1, left.toMillis())));
        return response.build();
    }

    /** As the Go auth peer's Say.Admin: once the service requires auth, only tokens with scope admin. */
    @MicroHandler(auth = "scope:admin")
    public HelloResponse admin(HelloRequest request) {
        return HelloResponse.newBuilder().setMsg("Admin " + request.getName()).build();
    }

    /** As the Go auth peer's Say.Public: open to anyone, also when the service requires auth. */
    @MicroHandler(auth = "public", name = "Public")
    public HelloResponse open(HelloRequest request) {
        return HelloResponse.newBuilder().setMsg("Public " + request.getName()).build();
    }

    @MicroHandler
    public ErrorResponse error(ErrorRequest request) {
        throw new MicroException(request.getId(), request.getCode(), request.getDetail());
    }

    /** As the Go peer's Say.Stream; counts itself in {@link #OPEN_STREAMS} while it runs. */
    @MicroHandler
    public Flux<HelloResponse> stream(StreamRequest request) {
        Duration interval = Duration.ofMillis(request.getIntervalMillis());
        Flux<HelloResponse> messages = Flux.range(1, request.getCount())
                .concatMap(i -> i == 1 || interval.isZero() ? Mono.just(i) : Mono.delay(interval).thenReturn(i))
                .map(i -> HelloResponse.newBuilder().setMsg("Hello " + request.getName() + " " + i).build());
        if (request.getName().equals("bad")) {
            messages = messages.take(1).concatWith(Mono.error(MicroException.badRequest("x", "bad name")));
        }
        return messages.doOnSubscribe(subscription -> OPEN_STREAMS.incrementAndGet())
                .doFinally(signal -> OPEN_STREAMS.decrementAndGet());
    }

    /** Say.Chat: answers each request with "Hello name" until the caller ends the stream. */
    @MicroHandler
    public Flux<HelloResponse> chat(Flux<HelloRequest> requests) {
        return requests.map(request -> HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build());
    }
}
