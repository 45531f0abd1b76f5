package io.microspring.benchmarks.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a Spring user would write instead of a go-micro service: a WebFlux {@code @RestController}
 * doing the greeter's work ({@code POST /greeter/hello} with {@code {"name":"John"}}).
 */
@SpringBootApplication
@RestController
public class WebFluxGreeterApplication {

    /** The request body. */
    public record HelloRequest(String name) {
    }

    /** The response body. */
    public record HelloResponse(String msg) {
    }

    @PostMapping("/greeter/hello")
    public HelloResponse hello(@RequestBody HelloRequest request) {
        return new HelloResponse("Hello " + request.name());
    }

    public static void main(String[] args) {
        SpringApplication.run(WebFluxGreeterApplication.class, args);
    }
}
