package io.microspring.gatewaytest.echo;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.api.Pair;
import io.microspring.api.Request;
import io.microspring.api.Response;
import io.microspring.metadata.Metadata;
import io.microspring.samples.greeterapi.proto.HelloRequest;
import io.microspring.samples.greeterapi.proto.HelloResponse;
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
        @MicroHandler
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
