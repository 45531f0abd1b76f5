package io.microspring.gatewaytest.webflux;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * A plain Spring WebFlux app with the starter and no registration code: {@code micro.web.name}
 * alone puts it behind the gateway.
 */
@SpringBootApplication
@RestController
public class PlainWebFluxApplication {

    @GetMapping("/flux/hello")
    Mono<String> hello(@RequestParam(defaultValue = "stranger") String name) {
        return Mono.just("Hello " + name + " from WebFlux");
    }
}
