package io.microspring.gateway.edge;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import io.microspring.gateway.GatewayProperties;

/**
 * {@code micro.api.cors} as Spring's {@link CorsWebFilter} over every path: it answers preflight
 * requests itself, refuses requests from other origins with 403 before they reach a service, and
 * adds the Access-Control headers to the responses for allowed ones. Registered only when an
 * origin is allowed ({@link Enabled}).
 */
public final class GatewayCors {

    private GatewayCors() {
    }

    /** The filter of {@code cors}; fails on settings the browser would refuse. */
    public static CorsWebFilter filter(GatewayProperties.Cors cors) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.getAllowedOrigins());
        configuration.setAllowedOriginPatterns(cors.getAllowedOriginPatterns());
        configuration.setAllowedMethods(cors.getAllowedMethods());
        configuration.setAllowedHeaders(cors.getAllowedHeaders());
        configuration.setExposedHeaders(cors.getExposedHeaders());
        configuration.setAllowCredentials(cors.isAllowCredentials());
        configuration.setMaxAge(cors.getMaxAge());
        if (cors.isAllowCredentials() && cors.getAllowedOrigins().contains(CorsConfiguration.ALL)) {
            throw new InvalidConfigurationPropertyValueException("micro.api.cors.allow-credentials", true,
                    "it cannot be true while micro.api.cors.allowed-origins is *: list the origins, or use "
                            + "micro.api.cors.allowed-origin-patterns");
        }
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return new CorsWebFilter(source);
    }

    /** Matches when {@code micro.api.cors.allowed-origins} or {@code -allowed-origin-patterns} names an origin. */
    public static final class Enabled extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Binder binder = Binder.get(context.getEnvironment());
            boolean allowed = Stream.of("micro.api.cors.allowed-origins", "micro.api.cors.allowed-origin-patterns")
                    .flatMap(name -> binder.bind(name, Bindable.listOf(String.class)).orElse(List.of()).stream())
                    .anyMatch(origin -> !origin.isBlank());
            return allowed ? ConditionOutcome.match("micro.api.cors allows origins")
                    : ConditionOutcome.noMatch("micro.api.cors allows no origin");
        }
    }
}
