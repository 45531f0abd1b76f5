package io.microspring.samples.greeter;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import io.microspring.samples.greeter.client.GreeterClientApplication;
import io.microspring.samples.greeter.server.GreeterServerApplication;

/**
 * Starts the greeter service, or with {@code call [name]} runs the client once:
 * <pre>
 * java -jar greeter.jar            # the service go.micro.srv.greeter, Actuator on 127.0.0.1:8091
 * java -jar greeter.jar call John  # calls Say.Hello through MicroClient and a typed client
 * </pre>
 * The client runs as a plain (not web) application: it serves nothing, Actuator included.
 */
public final class Greeter {

    private Greeter() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("call")) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            System.exit(SpringApplication.exit(new SpringApplicationBuilder(GreeterClientApplication.class)
                    .web(WebApplicationType.NONE).run(rest)));
        }
        SpringApplication.run(GreeterServerApplication.class, args);
    }
}
