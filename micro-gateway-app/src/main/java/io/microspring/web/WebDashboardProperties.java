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

    private final Auth auth = new Auth();

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

    public Auth getAuth() {
        return auth;
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

    /**
     * The optional login of the dashboard, {@code /rpc} and the terminal: off unless a user or a
     * token is set. The web apps behind the proxy are not behind it; they keep their own.
     */
    public static class Auth {

        private final Basic basic = new Basic();

        /** A token that logs in when sent as {@code Authorization: Bearer <token>}; empty accepts none. */
        private String token = "";

        public Basic getBasic() {
            return basic;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }
    }

    /** HTTP basic login: one user. */
    public static class Basic {

        /** The user name of the HTTP basic login; empty turns the basic login off. */
        private String username = "";

        /**
         * The user's password: as it is, or encoded with its encoder's prefix ({@code {bcrypt}$2a$...}).
         */
        private String password = "";

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }
}
