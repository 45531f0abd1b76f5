package io.microspring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.microspring.registry.cache.CachingRegistry;

/** Which registry to use and where it is: {@code micro.registry} is go-micro's {@code --registry} and {@code MICRO_REGISTRY}. */
@ConfigurationProperties("micro")
public class MicroRegistryProperties {

    /** Registry implementation. */
    private RegistryType registry = RegistryType.MDNS;

    /** Registry addresses, host:port, comma separated. */
    private List<String> registryAddress = new ArrayList<>();

    /** How long looked-up nodes are served from the cache before they are fetched again. */
    private Duration registryCacheTtl = CachingRegistry.DEFAULT_TTL;

    public RegistryType getRegistry() {
        return registry;
    }

    public void setRegistry(RegistryType registry) {
        this.registry = registry;
    }

    public List<String> getRegistryAddress() {
        return registryAddress;
    }

    public void setRegistryAddress(List<String> registryAddress) {
        this.registryAddress = registryAddress;
    }

    public Duration getRegistryCacheTtl() {
        return registryCacheTtl;
    }

    public void setRegistryCacheTtl(Duration registryCacheTtl) {
        this.registryCacheTtl = registryCacheTtl;
    }

    /** The registry implementations. */
    public enum RegistryType {
        /** Multicast DNS on this machine: go-micro's default, no server needed. */
        MDNS,
        /** Inside this JVM only. */
        MEMORY,
        /** An etcd cluster. */
        ETCD,
        /** A Consul agent. */
        CONSUL
    }
}
