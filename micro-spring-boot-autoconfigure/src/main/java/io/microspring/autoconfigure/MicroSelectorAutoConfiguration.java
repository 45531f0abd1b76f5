package io.microspring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

import io.microspring.registry.Registry;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Selector;
import io.microspring.selector.Strategy;

/** The selector chosen by {@code micro.selector}, over the caching registry. */
@AutoConfiguration(after = MicroRegistryCacheAutoConfiguration.class)
@EnableConfigurationProperties(MicroSelectorProperties.class)
public class MicroSelectorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(Selector.class)
    RegistrySelector microSelector(Registry registry, MicroSelectorProperties properties) {
        Strategy strategy = switch (properties.getSelector()) {
            case RANDOM -> Strategy.random();
            case ROUNDROBIN -> Strategy.roundRobin();
        };
        if (properties.getSelectorCooldown().isNegative()) {
            throw new InvalidConfigurationPropertyValueException(
                    "micro.selector-cooldown", properties.getSelectorCooldown(), "it must not be negative");
        }
        return new RegistrySelector(registry, strategy, properties.getSelectorCooldown());
    }
}
