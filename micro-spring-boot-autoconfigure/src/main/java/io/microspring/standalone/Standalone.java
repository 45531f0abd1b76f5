package io.microspring.standalone;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.microspring.broker.Broker;
import io.microspring.broker.http.HttpBroker;
import io.microspring.broker.http.HttpBrokerSettings;
import io.microspring.broker.memory.MemoryBroker;
import io.microspring.broker.nats.NatsBroker;
import io.microspring.broker.nats.NatsBrokerSettings;
import io.microspring.broker.rabbitmq.RabbitMqBroker;
import io.microspring.broker.rabbitmq.RabbitMqBrokerSettings;
import io.microspring.client.RpcClient;
import io.microspring.codec.Codecs;
import io.microspring.registry.Registry;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.consul.ConsulRegistry;
import io.microspring.registry.consul.ConsulSettings;
import io.microspring.registry.etcd.EtcdRegistry;
import io.microspring.registry.etcd.EtcdSettings;
import io.microspring.registry.mdns.MdnsRegistry;
import io.microspring.registry.mdns.MdnsSettings;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;
import io.microspring.transport.Transport;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;

/**
 * The registry, client and broker that {@link StandaloneSettings} name, each created on first use
 * (a {@code micro list services} opens no transport and connects no broker) and closed together.
 * The constructors are the ones the auto-configuration calls; settings that only a Spring
 * application has (SSL bundles, customizers, call wrappers) are left out.
 */
public final class Standalone implements AutoCloseable {

    private final StandaloneSettings settings;
    private final Codecs codecs;
    private Registry registry;
    private CachingRegistry cachingRegistry;
    private final Supplier<Transport> transports;
    private Transport transport;
    private RegistrySelector selector;
    private RpcClient client;
    private RpcClient publisher;
    private Broker broker;

    /** Components of {@code settings}; the client speaks {@code codecs} over the HTTP transport. */
    public Standalone(StandaloneSettings settings, Codecs codecs) {
        this(settings, codecs, () -> new HttpTransport(HttpTransportSettings.defaults()));
    }

    /** Components of {@code settings}; the client speaks {@code codecs} over the transport {@code transports} makes. */
    public Standalone(StandaloneSettings settings, Codecs codecs, Supplier<Transport> transports) {
        this.settings = settings;
        this.codecs = codecs;
        this.transports = transports;
    }

    /** The registry itself, uncached: every lookup asks it. */
    public synchronized Registry registry() {
        if (registry == null) {
            registry = createRegistry();
        }
        return registry;
    }

    /** The client: the registry selector over the cached registry and the HTTP transport; it does not publish. */
    public synchronized RpcClient client() {
        if (client == null) {
            client = new RpcClient(selector(), transport(), codecs, settings.callDefaults(), List.of());
        }
        return client;
    }

    /** A client as {@link #client()} that publishes through the {@link #broker()}, connecting it. */
    public synchronized RpcClient publisher() {
        if (publisher == null) {
            publisher = new RpcClient(selector(), transport(), codecs, settings.callDefaults(), List.of(), broker());
        }
        return publisher;
    }

    /** The broker, connected. */
    public synchronized Broker broker() {
        if (broker == null) {
            broker = createBroker();
        }
        return broker;
    }

    private RegistrySelector selector() {
        if (selector == null) {
            selector = new RegistrySelector(cachingRegistry(), strategy(), RegistrySelector.DEFAULT_COOLDOWN);
        }
        return selector;
    }

    private Transport transport() {
        if (transport == null) {
            transport = transports.get();
        }
        return transport;
    }

    private CachingRegistry cachingRegistry() {
        if (cachingRegistry == null) {
            cachingRegistry = new CachingRegistry(registry(), CachingRegistry.DEFAULT_TTL);
        }
        return cachingRegistry;
    }

    private Registry createRegistry() {
        List<String> addresses = settings.registryAddresses();
        return switch (settings.registry().toLowerCase(Locale.ROOT)) {
            case MdnsRegistry.NAME -> new MdnsRegistry(new MdnsSettings(MdnsSettings.DEFAULT_INTERFACES,
                    MdnsSettings.DEFAULT_DOMAIN, settings.mdnsQueryTimeout(), settings.mdnsSettleTime()));
            case "etcd" -> new EtcdRegistry(new EtcdSettings(addresses, settings.etcdUsername(),
                    settings.etcdPassword(), EtcdSettings.DEFAULT_TIMEOUT, null));
            case "consul" -> {
                if (addresses.size() > 1) {
                    throw new IllegalArgumentException("the Consul registry talks to one agent: give one host:port, "
                            + "not " + addresses);
                }
                yield new ConsulRegistry(new ConsulSettings(addresses.isEmpty() ? null : addresses.get(0),
                        settings.consulToken(), "", ConsulSettings.DEFAULT_TIMEOUT, ConsulSettings.DEFAULT_WATCH_WAIT,
                        ConsulSettings.DEFAULT_RESTART_GRACE, null));
            }
            case "memory" -> new MemoryRegistry();
            default -> throw new IllegalArgumentException("unknown registry '" + settings.registry()
                    + "': use mdns, etcd, consul or memory");
        };
    }

    private Broker createBroker() {
        List<String> addresses = settings.brokerAddresses();
        return switch (settings.broker().toLowerCase(Locale.ROOT)) {
            case HttpBroker.NAME -> new HttpBroker(HttpBrokerSettings.defaults(), cachingRegistry());
            case NatsBroker.NAME -> {
                NatsBroker nats = new NatsBroker(NatsBrokerSettings.defaults().withServers(addresses));
                nats.connect();
                yield nats;
            }
            case "rabbitmq" -> {
                RabbitMqBrokerSettings rabbitmq = RabbitMqBrokerSettings.defaults();
                if (addresses.size() == 1) {
                    String address = addresses.get(0);
                    rabbitmq = rabbitmq.withUri(URI.create(address.contains("://") ? address : "amqp://" + address));
                } else if (addresses.size() > 1) {
                    throw new IllegalArgumentException("give one RabbitMQ address, not " + addresses);
                }
                RabbitMqBroker broker = new RabbitMqBroker(rabbitmq);
                broker.connect();
                yield broker;
            }
            case "memory" -> new MemoryBroker();
            default -> throw new IllegalArgumentException("unknown broker '" + settings.broker()
                    + "': use http, nats, rabbitmq or memory");
        };
    }

    private Strategy strategy() {
        return switch (settings.selector().toLowerCase(Locale.ROOT)) {
            case "random" -> Strategy.random();
            case "roundrobin" -> Strategy.roundRobin();
            default -> throw new IllegalArgumentException("unknown selector '" + settings.selector()
                    + "': use random or roundrobin");
        };
    }

    /** Closes the broker, the client's transport, the cache and the registry, those that were created. */
    @Override
    public synchronized void close() {
        if (broker != null) {
            broker.close();
        }
        if (transport != null) {
            transport.close();
        }
        if (cachingRegistry != null) {
            cachingRegistry.close();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
