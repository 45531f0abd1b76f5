package io.microspring.registry.scenarios;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.registry.Node;
import io.microspring.server.Server;

/**
 * One greeter node of the registry scenarios, run as a process of its own: a Spring Boot
 * application configured entirely by {@code micro.*} arguments (registry, address, TTL, interval),
 * answering {@code Greeter.WhoAmI} with its {@code --node.name}. Prints {@code READY <nodeId>
 * <address>} once registered; SIGTERM stops it gracefully (deregistering), SIGKILL crashes it.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(GreeterNodeApplication.Greeter.class)
public class GreeterNodeApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GreeterNodeApplication.class)
                .web(WebApplicationType.NONE).run(args);
        Node node = context.getBean(Server.class).service().nodes().get(0);
        System.out.println("READY " + node.id() + " " + node.address());
    }

    /** The request and the answer of {@code Greeter.WhoAmI}. */
    public record WhoAmI(String name) {
    }

    /** The handler: names the node that answered. */
    @MicroService
    public static class Greeter {

        private final String name;

        public Greeter(@Value("${node.name}") String name) {
            this.name = name;
        }

        @MicroHandler
        public WhoAmI whoAmI(WhoAmI request) {
            return new WhoAmI(name);
        }
    }
}
