package io.microspring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.microspring.registry.Registry;

/**
 * Registers a Spring web app (WebFlux or MVC) as a go-micro web service when
 * {@code micro.web.name} is set: once its web server has started, with the server's real port,
 * kept registered by heartbeats, deregistered first on shutdown.
 */
@AutoConfiguration(after = MicroRegistryCacheAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnProperty("micro.web.name")
@EnableConfigurationProperties({MicroWebProperties.class, MicroServerProperties.class})
public class MicroWebServiceAutoConfiguration {

    @Bean
    WebServiceLifecycle microWebServiceLifecycle(Registry registry, MicroWebProperties web,
            MicroServerProperties server, Environment environment) {
        return new WebServiceLifecycle(registry, web, Properties.positive("micro.register-ttl", server.getRegisterTtl()),
                Properties.registerInterval(server), server.isRegisterFailFast(), environment);
    }
}
