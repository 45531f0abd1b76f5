package io.microspring.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * micro api, the API gateway: a WebFlux application that reads the same {@code micro.*} settings as
 * services (registry, selector, broker, client) and serves {@code micro.api.*}. Start it through
 * {@link Micro} ({@code ./micro api}), which also takes go-micro's flags.
 *
 * <p>It counts no {@code logback.events}: that meter's turbo filter runs on every level check of
 * every logger, and Reactor Netty and WebFlux make several per request. Left out here rather than
 * in {@code spring.autoconfigure.exclude}, which a user's own list would replace.
 */
@SpringBootApplication(excludeName = "org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback."
        + "LogbackMetricsAutoConfiguration")
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayApplication {

    /** Runs the gateway with Spring arguments ({@code --micro.api.handler=rpc}). */
    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
