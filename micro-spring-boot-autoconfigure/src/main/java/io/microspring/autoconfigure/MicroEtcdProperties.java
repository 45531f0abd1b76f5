package io.microspring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.microspring.registry.etcd.EtcdSettings;

/**
 * The etcd registry ({@code micro.registry=etcd}); its addresses are {@code micro.registry-address}.
 * As in go-micro, {@code ETCD_USERNAME} and {@code ETCD_PASSWORD} are read when the properties are not set.
 */
@ConfigurationProperties("micro.etcd")
public class MicroEtcdProperties {

    /** User for etcd authentication. */
    private String username;

    /** Password of the user. */
    private String password;

    /** How long to wait for a connection to etcd and for each request. */
    private Duration dialTimeout = EtcdSettings.DEFAULT_TIMEOUT;

    /** TLS to etcd. */
    private final MicroTlsProperties tls = new MicroTlsProperties();

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

    public Duration getDialTimeout() {
        return dialTimeout;
    }

    public void setDialTimeout(Duration dialTimeout) {
        this.dialTimeout = dialTimeout;
    }

    public MicroTlsProperties getTls() {
        return tls;
    }
}
