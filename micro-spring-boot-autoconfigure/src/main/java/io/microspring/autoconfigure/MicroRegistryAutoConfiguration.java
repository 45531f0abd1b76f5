package io.microspring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import io.microspring.autoconfigure.MissingPluginException.Plugin;
import io.microspring.registry.Registry;
import io.microspring.registry.mdns.MdnsRegistry;
import io.microspring.registry.mdns.MdnsSettings;
import io.microspring.registry.memory.MemoryRegistry;

/**
 * The registry chosen by {@code micro.registry}, created only when the application defines no
 * {@link Registry} of its own. The choice is made as the bean is created, not by conditions, so that
 * an application processed ahead of time (Spring AOT) still takes any {@code micro.registry} when it
 * starts; a plugin whose client library is missing fails startup naming the starter to add.
 * {@link MicroRegistryCacheAutoConfiguration} wraps the registry in the cache that every lookup goes through.
 */
@AutoConfiguration
@EnableConfigurationProperties({MicroRegistryProperties.class, MicroMdnsProperties.class,
        MicroEtcdProperties.class, MicroConsulProperties.class})
public class MicroRegistryAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Registry.class)
    Registry microRegistry(MicroRegistryProperties registry, MicroMdnsProperties mdns, MicroEtcdProperties etcd,
            MicroConsulProperties consul, ObjectProvider<SslBundles> bundles, Environment environment,
            ResourceLoader resourceLoader) {
        return switch (registry.getRegistry()) {
            case MDNS -> new MdnsRegistry(new MdnsSettings(mdns.getInterfaces(), mdns.getDomain(),
                    mdns.getQueryTimeout()));
            case MEMORY -> new MemoryRegistry();
            case ETCD -> {
                MissingPluginException.requireClient(Plugin.ETCD, resourceLoader.getClassLoader());
                yield EtcdRegistryFactory.create(registry, etcd, bundles, environment);
            }
            case CONSUL -> {
                MissingPluginException.requireClient(Plugin.CONSUL, resourceLoader.getClassLoader());
                yield ConsulRegistryFactory.create(registry, consul, bundles, environment);
            }
        };
    }
}
