package io.microspring.benchmarks.floor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The startup floor: a Spring Boot WebFlux app with Actuator and Prometheus, as the greeter has them,
 * but no micro (no registry, broker, transport or codecs) and one route. {@code benchmarks/startup.sh}
 * starts it next to the greeter, so the greeter's start is measured against what any Spring Boot
 * service with health and metrics costs to start on this machine.
 */
@SpringBootApplication
public class StartupFloorApplication {

    public static void main(String[] args) {
        SpringApplication.run(StartupFloorApplication.class, args);
    }

    @Bean
    RouterFunction<ServerResponse> hello() {
        return RouterFunctions.route()
                .GET("/hello", request -> ServerResponse.ok().bodyValue("Hello"))
                .build();
    }
}
