package io.microspring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.microspring.registry.mdns.MdnsSettings;

/** The mDNS registry, go-micro's default: multicast DNS on the machine's own network interfaces. */
@ConfigurationProperties("micro.mdns")
public class MicroMdnsProperties {

    /** Network interfaces mDNS joins and sends on; loopback keeps discovery on this machine. */
    private List<String> interfaces = new ArrayList<>(MdnsSettings.DEFAULT_INTERFACES);

    /** DNS domain of the records, as go-micro's mdns.domain. */
    private String domain = MdnsSettings.DEFAULT_DOMAIN;

    /** How long a lookup listens for answers. */
    private Duration queryTimeout = MdnsSettings.DEFAULT_QUERY_TIMEOUT;

    public List<String> getInterfaces() {
        return interfaces;
    }

    public void setInterfaces(List<String> interfaces) {
        this.interfaces = interfaces;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public Duration getQueryTimeout() {
        return queryTimeout;
    }

    public void setQueryTimeout(Duration queryTimeout) {
        this.queryTimeout = queryTimeout;
    }
}
