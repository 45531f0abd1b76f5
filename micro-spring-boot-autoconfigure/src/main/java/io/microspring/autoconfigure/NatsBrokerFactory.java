package io.microspring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;

import io.microspring.broker.nats.NatsBroker;
import io.microspring.broker.nats.NatsBrokerSettings;

/**
 * Creates and connects the NATS broker for {@code micro.broker=nats}; {@link MicroBrokerAutoConfiguration}
 * calls it only once the NATS client is known to be on the class path, so that this class, which needs
 * it, loads only then.
 */
final class NatsBrokerFactory {

    private NatsBrokerFactory() {
    }

    static NatsBroker connect(MicroBrokerProperties properties, ObjectProvider<SslBundles> sslBundles) {
        MicroBrokerProperties.Nats nats = properties.getNats();
        if (nats.getUsername() != null && nats.getPassword() == null) {
            throw new InvalidConfigurationPropertyValueException("micro.nats.password", null,
                    "it must be set together with micro.nats.username (" + nats.getUsername() + ")");
        }
        NatsBroker broker = new NatsBroker(new NatsBrokerSettings(properties.getBrokerAddress(), nats.getUsername(),
                nats.getPassword(), nats.getToken(), nats.getCredentialsFile(),
                SslBundleLookup.sslContext("micro.nats.ssl-bundle", nats.getSslBundle(), sslBundles),
                Properties.positive("micro.nats.connection-timeout", nats.getConnectionTimeout()),
                Properties.positive("micro.nats.reconnect-wait", nats.getReconnectWait()),
                Properties.atLeast("micro.nats.max-reconnects", nats.getMaxReconnects(),
                        NatsBrokerSettings.UNLIMITED_RECONNECTS)));
        broker.connect();
        return broker;
    }
}
