package io.microspring.autoconfigure;

/** TLS of a connection: to a registry server ({@code micro.etcd.tls.*}, {@code micro.consul.tls.*}), of the transport. */
public class MicroTlsProperties {

    /** Whether the connections are TLS. */
    private boolean enabled;

    /** SSL bundle (spring.ssl.bundle.*) with the trusted certificates and this node's certificate and key (for mutual TLS, and to serve); the JVM's trust store when empty. */
    private String bundle;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getBundle() {
        return bundle;
    }

    public void setBundle(String bundle) {
        this.bundle = bundle;
    }
}
