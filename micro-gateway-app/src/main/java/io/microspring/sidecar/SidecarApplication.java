package io.microspring.sidecar;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import io.microspring.autoconfigure.MicroServerProperties;

/**
 * micro sidecar: go-micro's features over HTTP for an app written in any language, beside which it
 * runs. It registers the app (checking its health), and serves the registry, calls, the broker and
 * the app's services at {@code micro.sidecar.address} (loopback port 8081). It reads the same
 * {@code micro.*} settings as services; its own are {@code micro.sidecar.*} ({@link SidecarProperties}).
 * Start it through {@code Micro} ({@code ./micro sidecar}), which also takes go-micro's flags.
 */
@SpringBootApplication
@EnableConfigurationProperties({SidecarProperties.class, MicroServerProperties.class})
public class SidecarApplication {

    /** Runs the sidecar with Spring arguments ({@code --micro.sidecar.server-name=go.micro.srv.app}). */
    public static void main(String[] args) {
        new SpringApplicationBuilder(SidecarApplication.class)
                // sidecar.yml, not the gateway's application.yml
                .properties("spring.config.name=sidecar")
                .run(args);
    }
}
