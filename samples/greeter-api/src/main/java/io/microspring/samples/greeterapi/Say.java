package io.microspring.samples.greeterapi;

import java.util.Map;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.api.Pair;
import io.microspring.api.Request;
import io.microspring.api.Response;
import io.microspring.errors.MicroException;
import io.microspring.samples.greeterapi.proto.HelloRequest;
import io.microspring.samples.greeterapi.proto.HelloResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Handler {@code Say} of {@code go.micro.api.greeter}. Through the gateway:
 * <ul>
 * <li>{@code GET /greeter/say/hello?name=John}: {@link #hello} gets the HTTP request as an
 * {@code api.Request} and answers {@code {"message":"Hello John"}};</li>
 * <li>{@code GET /hello/John}: {@link #greet} is routed by its declared path, the path variable
 * becoming the request's {@code name}.</li>
 * </ul>
 */
@MicroService(name = "go.micro.api.greeter")
public class Say {

    private static final String SERVICE = "go.micro.api.greeter";

    private final GreeterClient greeter;

    public Say(GreeterClient greeter) {
        this.greeter = greeter;
    }

    /** Reads {@code name} from the query and greets through the srv layer. */
    @MicroHandler(handler = "api")
    public Mono<Response> hello(Request request) {
        Pair name = request.getGetMap().get("name");
        if (name == null || name.getValuesCount() == 0 || name.getValues(0).isBlank()) {
            return Mono.error(MicroException.badRequest(SERVICE, "name is missing: call /greeter/say/hello?name=John"));
        }
        return greeter.hello(HelloRequest.newBuilder().setName(String.join(" ", name.getValuesList())).build())
                .map(reply -> Response.newBuilder()
                        .setStatusCode(200)
                        .putHeader("Content-Type", Pair.newBuilder().setKey("Content-Type")
                                .addValues("application/json").build())
                        .setBody(JsonMapper.shared().writeValueAsString(Map.of("message", reply.getMsg())))
                        .build());
    }

    /** Greets the {@code name} of the path {@code /hello/{name}}. */
    @MicroHandler(method = "GET", path = "/hello/{name}")
    public Mono<HelloResponse> greet(HelloRequest request) {
        return greeter.hello(request);
    }
}
