package io.microspring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.microspring.registry.Registry;
import io.microspring.registry.mdns.MdnsRegistry;
import io.microspring.registry.mdns.MdnsSettings;
import io.microspring.registry.memory.MemoryRegistry;

/**
 * The registry chosen by {@code micro.registry}, created only when the application defines no
 * {@link Registry} of its own. {@link MicroRegistryCacheAutoConfiguration} wraps it in the cache
 * that every lookup goes through.
 */
@AutoConfiguration
@EnableConfigurationProperties(MicroRegistryProperties.class)
@Import({EtcdRegistryConfiguration.class, ConsulRegistryConfiguration.class})
public class MicroRegistryAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "micro.registry", havingValue = "mdns", matchIfMissing = true)
    @EnableConfigurationProperties(MicroMdnsProperties.class)
    static class Mdns {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(Registry.class)
        MdnsRegistry microRegistry(MicroMdnsProperties properties) {
            return new MdnsRegistry(new MdnsSettings(properties.getInterfaces(), properties.getDomain(),
                    properties.getQueryTimeout()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "micro.registry", havingValue = "memory")
    static class Memory {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(Registry.class)
        MemoryRegistry microRegistry() {
            return new MemoryRegistry();
        }
    }
}
