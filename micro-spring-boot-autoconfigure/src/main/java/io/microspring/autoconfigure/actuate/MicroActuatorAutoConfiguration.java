package io.microspring.autoconfigure.actuate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.microspring.autoconfigure.MicroBrokerAutoConfiguration;
import io.microspring.autoconfigure.MicroRegistryCacheAutoConfiguration;
import io.microspring.autoconfigure.MicroServerAutoConfiguration;
import io.microspring.broker.Broker;
import io.microspring.registry.Registry;
import io.microspring.server.Server;

/**
 * With Spring Boot's Actuator: the {@code micro} endpoint. Expose it as any other:
 * {@code management.endpoints.web.exposure.include=health,micro}.
 */
@AutoConfiguration(after = {MicroServerAutoConfiguration.class, MicroBrokerAutoConfiguration.class,
        MicroRegistryCacheAutoConfiguration.class})
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
public class MicroActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    MicroEndpoint microEndpoint(ObjectProvider<Server> server, Registry registry, ObjectProvider<Broker> broker) {
        return new MicroEndpoint(server.getIfAvailable(), registry, broker.getIfAvailable());
    }
}
