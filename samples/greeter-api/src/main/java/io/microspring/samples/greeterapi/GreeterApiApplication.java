package io.microspring.samples.greeterapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The api layer of go-micro's greeter example, {@code go.micro.api.greeter}: behind the gateway,
 * {@code GET /greeter/say/hello?name=John} reaches {@link Say#hello} as an {@code api.Request},
 * which calls {@code go.micro.srv.greeter}.
 */
@SpringBootApplication
public class GreeterApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(GreeterApiApplication.class, args);
    }
}
