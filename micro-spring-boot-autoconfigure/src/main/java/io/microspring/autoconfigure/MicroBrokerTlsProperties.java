package io.microspring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * TLS of the HTTP broker ({@code micro.broker.tls.*}), go-micro's {@code broker.Secure(true)} with a
 * {@code TLSConfig}: its subscriber endpoint is served over TLS with the bundle's key store, and its
 * nodes are registered {@code secure=true}. Publishing to secure nodes trusts the bundle's trust store,
 * or the JVM's when TLS is off here. NATS and RabbitMQ have their own {@code ssl-bundle}.
 */
@ConfigurationProperties("micro.broker.tls")
public class MicroBrokerTlsProperties extends MicroTlsProperties {
}
