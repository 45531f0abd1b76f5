package io.microspring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Lets every application with the starter take go-micro's flags as a go-micro service does:
 * {@code java -jar app.jar --registry=etcd --registry_address=127.0.0.1:2379} sets
 * {@code micro.registry} and {@code micro.registry-address}, ahead of environment variables and
 * configuration files, as command-line arguments are. Spring arguments ({@code --server.port=9000})
 * and Spring Boot's own {@code --debug} and {@code --trace} are left as they are.
 */
final class GoMicroFlagsListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** The property source holding the flags' {@code micro.*} properties. */
    static final String PROPERTY_SOURCE_NAME = "goMicroFlags";

    private static final Set<String> SPRING_BOOT_FLAGS = Set.of("debug", "trace");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        MutablePropertySources sources = event.getEnvironment().getPropertySources();
        Map<String, Object> properties = properties(List.of(event.getArgs()));
        if (properties.isEmpty() || sources.contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        MapPropertySource flags = new MapPropertySource(PROPERTY_SOURCE_NAME, properties);
        if (sources.contains(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME, flags);
        } else {
            sources.addFirst(flags);
        }
    }

    /** Before configuration files are read, so that the flags rank as command-line arguments. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    private static Map<String, Object> properties(List<String> args) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (GoMicroFlags.Flag flag : GoMicroFlags.parse(args, SPRING_BOOT_FLAGS).flags()) {
            if (!flag.isSpringProperty() && flag.value() != null && !SPRING_BOOT_FLAGS.contains(flag.name())) {
                properties.put(flag.property(), flag.value());
            }
        }
        return properties;
    }
}
