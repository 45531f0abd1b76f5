package io.microspring.interop;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.server.Server;

/** A Java service started inside the test JVM, configured like any application with {@code micro.*} arguments. */
@SpringBootApplication
public class JavaGreeterApplication {

    /** Starts it with the given arguments ({@code --micro.registry=etcd ...}). */
    public static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(JavaGreeterApplication.class).web(WebApplicationType.NONE).run(args);
    }

    /** The {@code host:port} its node registered. */
    public static String address(ConfigurableApplicationContext context) {
        return context.getBean(Server.class).service().nodes().get(0).address();
    }
}
