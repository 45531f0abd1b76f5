package io.microspring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.microspring.registry.consul.ConsulSettings;

/**
 * The Consul registry ({@code micro.registry=consul}); the agent's address is {@code micro.registry-address}.
 * As in go-micro's Consul client, {@code CONSUL_HTTP_TOKEN} is read when the token is not set.
 */
@ConfigurationProperties("micro.consul")
public class MicroConsulProperties {

    /** ACL token sent with every request. */
    private String token;

    /** Datacenter whose services are looked up; the agent's own when empty. */
    private String datacenter;

    /** How long to wait for a connection to the agent and for each request other than a watch. */
    private Duration timeout = ConsulSettings.DEFAULT_TIMEOUT;

    /** How long one blocking query of a watch waits for a change (at most 10m). */
    private Duration watchWait = ConsulSettings.DEFAULT_WATCH_WAIT;

    /** How long a watch keeps nodes that vanished because the agent restarted with empty state, while they register again. */
    private Duration restartGrace = ConsulSettings.DEFAULT_RESTART_GRACE;

    /** TLS to the agent (https). */
    private final MicroTlsProperties tls = new MicroTlsProperties();

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getDatacenter() {
        return datacenter;
    }

    public void setDatacenter(String datacenter) {
        this.datacenter = datacenter;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration getWatchWait() {
        return watchWait;
    }

    public void setWatchWait(Duration watchWait) {
        this.watchWait = watchWait;
    }

    public Duration getRestartGrace() {
        return restartGrace;
    }

    public void setRestartGrace(Duration restartGrace) {
        this.restartGrace = restartGrace;
    }

    public MicroTlsProperties getTls() {
        return tls;
    }
}
