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
 * bean. When no registry could be created, startup fails naming the dependency to add.
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
        throw new IllegalStateException(missingRegistry(properties.getRegistry()));
    }

    private static String missingRegistry(MicroRegistryProperties.RegistryType type) {
        return switch (type) {
            case ETCD -> "micro.registry=etcd needs the etcd client: add the dependency io.etcd:jetcd-core";
            case CONSUL -> "micro.registry=consul needs the Consul client: add the dependency com.ecwid.consul:consul-api";
            default -> "micro.registry=" + type.name().toLowerCase(Locale.ROOT) + " is not available in this build";
        };
    }
}
