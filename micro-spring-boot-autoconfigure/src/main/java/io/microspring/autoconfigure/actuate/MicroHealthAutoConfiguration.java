package io.microspring.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

import io.microspring.autoconfigure.MicroBrokerAutoConfiguration;
import io.microspring.autoconfigure.MicroRegistryCacheAutoConfiguration;
import io.microspring.autoconfigure.MicroServerAutoConfiguration;
import io.microspring.broker.Broker;
import io.microspring.registry.Registry;
import io.microspring.server.Server;

/**
 * With Spring Boot's health support: a {@code micro} health contributor made of the registry's,
 * the broker's and (in a service) the server's health; {@code management.health.micro.enabled=false}
 * leaves it out.
 */
@AutoConfiguration(after = {MicroServerAutoConfiguration.class, MicroBrokerAutoConfiguration.class,
        MicroRegistryCacheAutoConfiguration.class})
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnEnabledHealthIndicator("micro")
public class MicroHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "microHealthContributor")
    CompositeHealthContributor microHealthContributor(Registry registry, ObjectProvider<Broker> broker,
            ObjectProvider<Server> server) {
        Map<String, HealthContributor> parts = new LinkedHashMap<>();
        parts.put("registry", new RegistryHealthIndicator(registry));
        broker.ifAvailable(available -> parts.put("broker", new BrokerHealthIndicator(available)));
        server.ifAvailable(available -> parts.put("server", new ServerHealthIndicator(available, registry)));
        return CompositeHealthContributor.fromMap(parts);
    }
}
