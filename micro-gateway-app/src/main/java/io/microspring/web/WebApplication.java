package io.microspring.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * micro web: the web dashboard (registry pages, the call form, {@code POST /rpc}) and the reverse
 * proxy to the web apps of namespace {@code go.micro.web} ({@code /greeter/...} goes to
 * {@code go.micro.web.greeter}), at {@code micro.web.address} (port 8082). It reads the same
 * {@code micro.*} settings as services; its own are listed in {@link WebDashboardProperties}. It
 * registers nothing itself unless {@code micro.web.name} is set. Start it through {@code Micro}
 * ({@code ./micro web}), which also takes go-micro's flags.
 */
@SpringBootApplication
@EnableConfigurationProperties(WebDashboardProperties.class)
public class WebApplication {

    /** Runs micro web with Spring arguments ({@code --micro.web.namespace=go.micro.web}). */
    public static void main(String[] args) {
        new SpringApplicationBuilder(WebApplication.class)
                // web.yml, not the gateway's application.yml
                .properties("spring.config.name=web")
                .run(args);
    }
}
