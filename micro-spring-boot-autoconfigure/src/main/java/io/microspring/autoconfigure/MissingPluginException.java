package io.microspring.autoconfigure;

import org.springframework.util.ClassUtils;

/**
 * {@code micro.registry} or {@code micro.broker} names a plugin whose client library is not on the
 * class path; {@link MissingPluginFailureAnalyzer} reports the starter to add.
 */
final class MissingPluginException extends RuntimeException {

    private final Plugin plugin;

    MissingPluginException(Plugin plugin) {
        super(plugin.property() + "=" + plugin.value() + " needs " + plugin.client() + " (" + plugin.library()
                + "): add the dependency " + plugin.starter());
        this.plugin = plugin;
    }

    Plugin plugin() {
        return plugin;
    }

    /** Fails naming the starter to add when {@code plugin}'s client library is not on {@code classLoader}'s path. */
    static void requireClient(Plugin plugin, ClassLoader classLoader) {
        if (!ClassUtils.isPresent(plugin.clientClass(), classLoader)) {
            throw new MissingPluginException(plugin);
        }
    }

    /** The plugins that need a client library, each brought by its starter. */
    enum Plugin {

        ETCD("micro.registry", "etcd", "the etcd client", "io.etcd:jetcd-core", "io.etcd.jetcd.Client",
                "mdns (the default) or memory"),
        CONSUL("micro.registry", "consul", "the Consul client", "com.ecwid.consul:consul-api",
                "com.ecwid.consul.v1.ConsulRawClient", "mdns (the default) or memory"),
        NATS("micro.broker", "nats", "the NATS client", "io.nats:jnats", "io.nats.client.Nats",
                "http (the default) or memory"),
        RABBITMQ("micro.broker", "rabbitmq", "the RabbitMQ client", "com.rabbitmq:amqp-client",
                "com.rabbitmq.client.ConnectionFactory", "http (the default) or memory");

        private static final String GROUP_ID = "io.microspring";

        private final String property;
        private final String value;
        private final String client;
        private final String library;
        private final String clientClass;
        private final String builtIn;

        Plugin(String property, String value, String client, String library, String clientClass, String builtIn) {
            this.property = property;
            this.value = value;
            this.client = client;
            this.library = library;
            this.clientClass = clientClass;
            this.builtIn = builtIn;
        }

        /** The property choosing the plugin: {@code micro.registry}. */
        String property() {
            return property;
        }

        /** Its value for this plugin: {@code etcd}. */
        String value() {
            return value;
        }

        /** What the library is, in words: {@code the etcd client}. */
        String client() {
            return client;
        }

        /** The client library, {@code group:artifact}. */
        String library() {
            return library;
        }

        /** A class of the client library, present exactly when the library is. */
        String clientClass() {
            return clientClass;
        }

        /** The values of {@link #property()} that need no library. */
        String builtIn() {
            return builtIn;
        }

        /** The starter's artifact id: {@code micro-spring-boot-starter-etcd}. */
        String starterArtifactId() {
            return "micro-spring-boot-starter-" + value;
        }

        /** The starter, {@code group:artifact}. */
        String starter() {
            return GROUP_ID + ":" + starterArtifactId();
        }

        /** The starter's group id. */
        String starterGroupId() {
            return GROUP_ID;
        }
    }
}
