package io.microspring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.microspring.annotation.MicroService;
import io.microspring.server.debug.CallCounter;
import io.microspring.server.debug.Debug;

/**
 * go-micro's Debug service on every node that serves a {@link MicroService}, unless
 * {@code micro.debug.enabled=false}: the {@link Debug} handler, which the server picks up as it
 * picks up the application's handlers, and the {@link CallCounter} wrapper behind its request
 * figures. {@code Debug.Health} reports Spring Boot's availability: {@code ok} unless the
 * application has declared itself broken (liveness) or refusing traffic (readiness).
 */
@AutoConfiguration(before = MicroServerAutoConfiguration.class)
@ConditionalOnBean(annotation = MicroService.class)
@ConditionalOnBooleanProperty(name = "micro.debug.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MicroDebugProperties.class)
public class MicroDebugAutoConfiguration {

    @Bean
    CallCounter microDebugCallCounter() {
        return new CallCounter();
    }

    @Bean
    Debug microDebug(CallCounter calls, ObjectProvider<ApplicationAvailability> availability) {
        return new Debug(() -> status(availability.getIfAvailable()), calls);
    }

    private static String status(ApplicationAvailability availability) {
        if (availability == null) {
            return Debug.OK;
        }
        // the states the application has published; none yet (the server starts before the first) is no problem
        if (availability.getState(LivenessState.class, LivenessState.CORRECT) == LivenessState.BROKEN) {
            return "broken";
        }
        return availability.getState(ReadinessState.class, ReadinessState.ACCEPTING_TRAFFIC)
                == ReadinessState.REFUSING_TRAFFIC ? "refusing traffic" : Debug.OK;
    }
}
