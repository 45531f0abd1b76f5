package io.microspring.registry.mdns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.microspring.registry.mdns.DnsMessage.Ptr;
import io.microspring.registry.mdns.DnsMessage.ResourceRecord;

/**
 * Asks the network, as go-micro's {@code GetService} and {@code ListServices} do: one multicast
 * PTR query ({@code <service>.micro.}, or {@code _services.micro.} for the listing), then every
 * response that arrives within the query timeout is taken in; there is no way to know that all
 * responders have answered. Goodbyes arriving meanwhile take their instance out again.
 */
final class MdnsQuerier {

    private final MdnsNames names;
    private final Consumer<DnsMessage> multicast;
    private final Duration timeout;
    private final List<Collector> collectors = new CopyOnWriteArrayList<>();

    /** Sending queries through {@code multicast} and listening for {@code timeout}. */
    MdnsQuerier(MdnsNames names, Consumer<DnsMessage> multicast, Duration timeout) {
        this.names = names;
        this.multicast = multicast;
        this.timeout = timeout;
    }

    /** Hands a response received by the socket (and the instances in it) to the running queries. */
    void onResponse(DnsMessage message, List<SeenInstance> instances) {
        for (Collector collector : collectors) {
            collector.offer(message, instances);
        }
    }

    /** The instances of {@code service} that answered, by name; blocks for the query timeout. */
    List<SeenInstance> instancesOf(String service) {
        Map<String, SeenInstance> found = new LinkedHashMap<>();
        collect(DnsMessage.query(names.service(service), DnsMessage.TYPE_PTR), (message, instances) -> {
            for (SeenInstance instance : instances) {
                if (names.nodeId(instance.name(), service).isPresent()) {
                    String key = MdnsNames.key(instance.name());
                    if (instance.isGoodbye()) {
                        found.remove(key);
                    } else {
                        found.put(key, instance);
                    }
                }
            }
        });
        return new ArrayList<>(found.values());
    }

    /** The names of the services whose listing entries answered; blocks for the query timeout. */
    Set<String> listedServices() {
        Set<String> found = new TreeSet<>();
        collect(DnsMessage.query(names.listing(), DnsMessage.TYPE_PTR), (message, instances) -> {
            List<ResourceRecord> records = new ArrayList<>(message.answers());
            records.addAll(message.additionals());
            for (ResourceRecord record : records) {
                if (record.data() instanceof Ptr ptr && MdnsNames.same(record.name(), names.listing())) {
                    names.listedService(ptr.target()).ifPresent(service -> {
                        if (record.ttl() == 0) {
                            found.remove(service);
                        } else {
                            found.add(service);
                        }
                    });
                }
            }
        });
        return found;
    }

    /** Sends {@code query} and passes the responses arriving within the timeout to {@code sink}. */
    private void collect(DnsMessage query, BiConsumer<DnsMessage, List<SeenInstance>> sink) {
        Collector collector = new Collector(sink);
        collectors.add(collector);
        try {
            multicast.accept(query);
            Thread.sleep(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            collectors.remove(collector);
            collector.close();
        }
    }

    /** One running query; the sink is called under its lock, never after {@link #close()}. */
    private static final class Collector {

        private final BiConsumer<DnsMessage, List<SeenInstance>> sink;
        private boolean closed;

        Collector(BiConsumer<DnsMessage, List<SeenInstance>> sink) {
            this.sink = sink;
        }

        synchronized void offer(DnsMessage message, List<SeenInstance> instances) {
            if (!closed) {
                sink.accept(message, instances);
            }
        }

        synchronized void close() {
            closed = true;
        }
    }
}
