package io.microspring.samples.greeter;

import java.util.Arrays;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.util.ClassUtils;

import io.microspring.samples.greeter.client.GreeterClientApplication;
import io.microspring.samples.greeter.server.GreeterServerApplication;

/**
 * Starts the greeter service, or with {@code call [name]} runs the client once:
 * <pre>
 * java -jar greeter.jar            # the service go.micro.srv.greeter, Actuator on 127.0.0.1:8091
 * java -jar greeter.jar call John  # calls Say.Hello through MicroClient and a typed client
 * </pre>
 * The client runs as a plain (not web) application: it serves nothing, Actuator included. The
 * service starts from the bean definitions Spring AOT generated at build time ({@code process-aot})
 * when the jar has them, as if started with {@code -Dspring.aot.enabled=true}: no auto-configuration
 * conditions to evaluate at startup. {@code -Dspring.aot.enabled=false} starts it the regular way.
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
        useBuildTimeBeanDefinitions();
        SpringApplication.run(GreeterServerApplication.class, args);
    }

    /**
     * Turns Spring's AOT mode on when the build generated the service's bean definitions and neither
     * the command line chose a mode nor Spring AOT is generating them right now.
     */
    private static void useBuildTimeBeanDefinitions() {
        if (System.getProperty(AotDetector.AOT_ENABLED) == null
                && System.getProperty(AbstractAotProcessor.AOT_PROCESSING) == null
                && ClassUtils.isPresent(Greeter.class.getName() + "__ApplicationContextInitializer",
                        Greeter.class.getClassLoader())) {
            System.setProperty(AotDetector.AOT_ENABLED, "true");
        }
    }
}
