package io.microspring.standalone;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.microspring.client.CallOptions;
import io.microspring.registry.mdns.MdnsSettings;

/**
 * What {@link Standalone} builds: go-micro's {@code --registry}, {@code --registry_address},
 * {@code --broker}, {@code --broker_address} and {@code --selector}, the client's call defaults,
 * and the credentials etcd and Consul read from the environment.
 *
 * @param registry {@code mdns}, {@code etcd}, {@code consul} or {@code memory}
 * @param registryAddresses {@code host:port} of the registry; empty for its default
 * @param broker {@code http}, {@code nats}, {@code rabbitmq} or {@code memory}
 * @param brokerAddresses the broker's addresses; empty for its default
 * @param selector {@code random} or {@code roundrobin}
 * @param callDefaults the client's complete call defaults (timeouts, retries, backoff, policy, content type)
 * @param mdnsQueryTimeout how long an mDNS lookup listens for answers
 * @param etcdUsername etcd user ({@code ETCD_USERNAME}); empty for none
 * @param etcdPassword etcd password ({@code ETCD_PASSWORD}); empty for none
 * @param consulToken Consul ACL token ({@code CONSUL_HTTP_TOKEN}); empty for none
 * @param mdnsSettleTime an mDNS lookup ends once this long passed without an answer after the last
 *        one ({@link MdnsSettings#settleTime()}); {@code null} to listen the whole query timeout
 */
public record StandaloneSettings(String registry, List<String> registryAddresses, String broker,
        List<String> brokerAddresses, String selector, CallOptions callDefaults, Duration mdnsQueryTimeout,
        String etcdUsername, String etcdPassword, String consulToken, Duration mdnsSettleTime) {

    public StandaloneSettings {
        Objects.requireNonNull(registry, "registry");
        registryAddresses = List.copyOf(registryAddresses);
        Objects.requireNonNull(broker, "broker");
        brokerAddresses = List.copyOf(brokerAddresses);
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(callDefaults, "callDefaults");
        Objects.requireNonNull(mdnsQueryTimeout, "mdnsQueryTimeout");
        etcdUsername = etcdUsername == null ? "" : etcdUsername;
        etcdPassword = etcdPassword == null ? "" : etcdPassword;
        consulToken = consulToken == null ? "" : consulToken;
    }

    /** Settings whose mDNS lookups listen the whole query timeout. */
    public StandaloneSettings(String registry, List<String> registryAddresses, String broker,
            List<String> brokerAddresses, String selector, CallOptions callDefaults, Duration mdnsQueryTimeout,
            String etcdUsername, String etcdPassword, String consulToken) {
        this(registry, registryAddresses, broker, brokerAddresses, selector, callDefaults, mdnsQueryTimeout,
                etcdUsername, etcdPassword, consulToken, null);
    }
}
