package io.microspring.autoconfigure;

import java.util.Locale;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.microspring.registry.Registry;
import io.microspring.registry.cache.CachingRegistry;

/**
 * Wraps the registry in the {@link CachingRegistry}, which becomes the primary {@link Registry}
 * bean. When no registry could be created, startup fails naming the starter to add.
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

    @Bean
    @ConditionalOnMissingBean(value = Registry.class, ignored = CachingRegistry.class)
    Registry microMissingRegistry(MicroRegistryProperties properties) {
        throw switch (properties.getRegistry()) {
            case ETCD -> new MissingPluginException(MissingPluginException.Plugin.ETCD);
            case CONSUL -> new MissingPluginException(MissingPluginException.Plugin.CONSUL);
            default -> new IllegalStateException("micro.registry="
                    + properties.getRegistry().name().toLowerCase(Locale.ROOT) + " is not available in this build");
        };
    }
}
