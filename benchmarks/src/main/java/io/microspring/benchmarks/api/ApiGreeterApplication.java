package io.microspring.benchmarks.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.api.Pair;
import io.microspring.api.Request;
import io.microspring.api.Response;

/**
 * The greeter's work behind the gateway's api handler, in one hop: {@code go.micro.srv.apigreeter}
 * takes the HTTP request as an {@code api.Request} ({@code GET /apigreeter/say/hello?name=John})
 * and answers {@code {"msg":"Hello John"}}, as the greeter does over RPC.
 */
@SpringBootApplication
public class ApiGreeterApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ApiGreeterApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args);
    }

    /** Handler {@code Say}. */
    @MicroService(name = "go.micro.srv.apigreeter")
    public static class Say {

        private static final Pair JSON = Pair.newBuilder().setKey("Content-Type").addValues("application/json").build();

        /** {@code Say.Hello}, served by the gateway's api handler. */
        @MicroHandler(handler = "api")
        public Response hello(Request request) {
            Pair name = request.getGetMap().getOrDefault("name", Pair.getDefaultInstance());
            String who = name.getValuesCount() == 0 ? "" : name.getValues(0);
            return Response.newBuilder()
                    .setStatusCode(200)
                    .putHeader("Content-Type", JSON)
                    .setBody("{\"msg\":\"Hello " + who.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                    .build();
        }
    }
}
