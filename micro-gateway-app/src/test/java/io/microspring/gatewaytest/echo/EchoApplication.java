package io.microspring.gatewaytest.echo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.api.Pair;
import io.microspring.api.Request;
import io.microspring.api.Response;
import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;
import io.microspring.samples.greeterapi.proto.HelloRequest;
import io.microspring.samples.greeterapi.proto.HelloResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code go.micro.api.test}: endpoints that show what the gateway sent them. */
@SpringBootApplication
public class EchoApplication {

    /** Handler {@code Echo}. */
    @MicroService(name = "go.micro.api.test")
    public static class Echo {

        /** The JSON request back. */
        @MicroHandler
        public Map<String, Object> call(Map<String, Object> request) {
            return request;
        }

        /** A protobuf endpoint: {@code Hello <name>}. */
        @MicroHandler(auth = "public")
        public HelloResponse hello(HelloRequest request) {
            return HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build();
        }

        /** Answers after three seconds. */
        @MicroHandler
        public Mono<HelloResponse> slow(HelloRequest request) {
            return Mono.delay(Duration.ofSeconds(3)).thenReturn(HelloResponse.newBuilder().setMsg("late").build());
        }

        /** The call's metadata. */
        @MicroHandler
        public Map<String, String> metadata(Map<String, Object> ignored, Metadata metadata) {
            return metadata.asMap();
        }

        /** No response body. */
        @MicroHandler
        public Map<String, Object> nothing(Map<String, Object> ignored) {
            return null;
        }

        /** Routed by its declared path; the path variable arrives as a field. */
        @MicroHandler(method = "GET", path = "/things/{id}")
        public Map<String, Object> thing(Map<String, Object> request) {
            return request;
        }

        /** A server stream: {@code count} messages {@code {"msg":"Hello <name> <i>"}}; the name bad fails after one. */
        @MicroHandler
        public Flux<Map<String, Object>> count(Map<String, Object> request) {
            String name = String.valueOf(request.get("name"));
            int count = Integer.parseInt(String.valueOf(request.getOrDefault("count", "1")));
            Flux<Map<String, Object>> messages = Flux.range(1, count)
                    .map(i -> Map.<String, Object>of("msg", "Hello " + name + " " + i));
            return name.equals("bad") ? messages.take(1).concatWith(Mono.error(MicroException.badRequest("x", "bad name")))
                    : messages;
        }

        /** Server streams of {@code Echo.Ticks} running now. */
        public static final AtomicInteger OPEN_TICKS = new AtomicInteger();

        /** A server stream without end: {@code {"tick":<i>}} every 10 ms. */
        @MicroHandler
        public Flux<Map<String, Object>> ticks(Map<String, Object> request) {
            return Flux.interval(Duration.ofMillis(10)).onBackpressureDrop()
                    .map(i -> Map.<String, Object>of("tick", i))
                    .doOnSubscribe(subscription -> OPEN_TICKS.incrementAndGet())
                    .doFinally(signal -> OPEN_TICKS.decrementAndGet());
        }

        /** A bidirectional stream: each message back as {@code {"msg":"Hi <name>"}}. */
        @MicroHandler
        public Flux<Map<String, Object>> chat(Flux<Map<String, Object>> requests) {
            return requests.map(request -> Map.of("msg", "Hi " + request.get("name")));
        }

        /** Served by the api handler under /raw/**: the api.Request it got, as JSON, with status 201. */
        @MicroHandler(handler = "api", path = "/raw/**")
        public Response raw(Request request) throws InvalidProtocolBufferException {
            return Response.newBuilder()
                    .setStatusCode(201)
                    .putHeader("X-Echo", Pair.newBuilder().setKey("X-Echo").addValues("yes").build())
                    .setBody(JsonFormat.printer().print(request))
                    .build();
        }

        /** Served by the api handler under /own-cors/**: a response with CORS headers of its own. */
        @MicroHandler(handler = "api", path = "/own-cors/**")
        public Response ownCors(Request request) {
            return Response.newBuilder()
                    .setStatusCode(200)
                    .putHeader("Access-Control-Allow-Origin", Pair.newBuilder().setKey("Access-Control-Allow-Origin")
                            .addValues("*").build())
                    .setBody("{}")
                    .build();
        }
    }
}
