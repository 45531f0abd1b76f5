package io.microspring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.microspring.registry.Registry;
import io.microspring.registry.cache.CachingRegistry;

/**
 * Wraps the registry in the {@link CachingRegistry}, which becomes the primary {@link Registry}
 * bean.
 */
@AutoConfiguration(after = MicroRegistryAutoConfiguration.class)
public class MicroRegistryCacheAutoConfiguration {

    @Bean(destroyMethod = "close")
    @Primary
    @ConditionalOnMissingBean(CachingRegistry.class)
    CachingRegistry microCachingRegistry(Registry registry, MicroRegistryProperties properties) {
        return new CachingRegistry(registry, Properties.positive("micro.registry-cache-ttl",
                properties.getRegistryCacheTtl()));
    }
}
