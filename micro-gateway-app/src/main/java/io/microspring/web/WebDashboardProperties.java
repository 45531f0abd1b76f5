package io.microspring.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.microspring.gateway.GatewayProperties;

/**
 * micro web's own settings, named after its flags: {@code micro.web.address} is {@code --address}
 * and {@code MICRO_WEB_ADDRESS}. They share the prefix {@code micro.web} with the settings that
 * register a web app ({@code micro.web.name}, {@code micro.web.metadata} ...), which micro web
 * leaves unset, so that it registers nothing itself.
 */
@ConfigurationProperties("micro.web")
public class WebDashboardProperties {

    /** Default: port 8082 on every interface, as micro web. */
    public static final String DEFAULT_ADDRESS = ":8082";
    /** Default: the namespace of web apps; path {@code /greeter/} goes to {@code go.micro.web.greeter}. */
    public static final String DEFAULT_NAMESPACE = "go.micro.web";

    /** Where micro web listens, host:port; an empty host is every interface. */
    private String address = DEFAULT_ADDRESS;

    /** Namespace of the web apps that /{app}/... paths are proxied to. */
    private String namespace = DEFAULT_NAMESPACE;

    /** Largest request body, for /rpc and the proxy; larger requests are answered with 413. */
    private DataSize maxBodySize = GatewayProperties.DEFAULT_MAX_BODY_SIZE;

    private final Dashboard dashboard = new Dashboard();

    private final Rpc rpc = new Rpc();

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public Dashboard getDashboard() {
        return dashboard;
    }

    public Rpc getRpc() {
        return rpc;
    }

    /** The dashboard pages. */
    public static class Dashboard {

        /** Whether the dashboard pages and POST /rpc are served; when off, micro web is a pure web proxy. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** POST /rpc, which the call form sends through. */
    public static class Rpc {

        /** Service name patterns POST /rpc may call ({@code *} matches any characters); empty allows every service. */
        private List<String> allowedServices = new ArrayList<>();

        public List<String> getAllowedServices() {
            return allowedServices;
        }

        public void setAllowedServices(List<String> allowedServices) {
            this.allowedServices = allowedServices;
        }
    }
}
