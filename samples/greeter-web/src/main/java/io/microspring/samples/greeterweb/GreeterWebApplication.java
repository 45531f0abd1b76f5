package io.microspring.samples.greeterweb;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A plain Spring WebFlux app served through the gateway's proxy handler: it registers itself as
 * the web service {@code go.micro.api.web} by its {@code micro.web.*} properties alone, so that
 * {@code http://gateway:8080/web/...} reaches it, websockets included.
 */
@SpringBootApplication
public class GreeterWebApplication {

    public static void main(String[] args) {
        SpringApplication.run(GreeterWebApplication.class, args);
    }
}
