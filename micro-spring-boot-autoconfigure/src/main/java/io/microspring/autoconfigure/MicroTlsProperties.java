package io.microspring.autoconfigure;

/** TLS to a registry server ({@code micro.etcd.tls.*}, {@code micro.consul.tls.*}). */
public class MicroTlsProperties {

    /** Whether to connect with TLS. */
    private boolean enabled;

    /** SSL bundle (spring.ssl.bundle.*) with the trusted certificates and, for mutual TLS, the client key; the JVM's trust store when empty. */
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
