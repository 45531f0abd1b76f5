package io.microspring.registry.mdns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

import io.microspring.registry.mdns.DnsMessage.Ptr;
import io.microspring.registry.mdns.DnsMessage.ResourceRecord;

/**
 * Asks the network, as go-micro's {@code GetService} and {@code ListServices} do: one multicast
 * PTR query ({@code <service>.micro.}, or {@code _services.micro.} for the listing), then every
 * response that arrives within the query timeout is taken in; there is no way to know that all
 * responders have answered. With a settle time, a service's query ends earlier: once that long
 * has passed without a further answer after the last one (a CLI that needs one node need not wait
 * for all); the listing, which every service answers on its own, always listens the whole timeout.
 * Goodbyes arriving meanwhile take their instance out again.
 */
final class MdnsQuerier {

    private final MdnsNames names;
    private final Consumer<DnsMessage> multicast;
    private final Duration timeout;
    private final Duration settle;
    private final List<Collector> collectors = new CopyOnWriteArrayList<>();

    /**
     * Sending queries through {@code multicast} and listening for {@code timeout}, or until
     * {@code settle} passes without an answer after one came ({@code null}: the whole timeout).
     */
    MdnsQuerier(MdnsNames names, Consumer<DnsMessage> multicast, Duration timeout, Duration settle) {
        this.names = names;
        this.multicast = multicast;
        this.timeout = timeout;
        this.settle = settle;
    }

    /** Hands a response received by the socket (and the instances in it) to the running queries. */
    void onResponse(DnsMessage message, List<SeenInstance> instances) {
        for (Collector collector : collectors) {
            collector.offer(message, instances);
        }
    }

    /** The instances of {@code service} that answered, by name; blocks for the query (see above). */
    List<SeenInstance> instancesOf(String service) {
        Map<String, SeenInstance> found = new LinkedHashMap<>();
        collect(DnsMessage.query(names.service(service), DnsMessage.TYPE_PTR), (message, instances) -> {
            boolean answered = false;
            for (SeenInstance instance : instances) {
                if (names.nodeId(instance.name(), service).isPresent()) {
                    String key = MdnsNames.key(instance.name());
                    if (instance.isGoodbye()) {
                        found.remove(key);
                    } else {
                        found.put(key, instance);
                        answered = true;
                    }
                }
            }
            return answered;
        }, settle);
        return new ArrayList<>(found.values());
    }

    /** The names of the services whose listing entries answered; blocks for the query timeout. */
    Set<String> listedServices() {
        Set<String> found = new TreeSet<>();
        collect(DnsMessage.query(names.listing(), DnsMessage.TYPE_PTR), (message, instances) -> {
            List<ResourceRecord> records = new ArrayList<>(message.answers());
            records.addAll(message.additionals());
            boolean answered = false;
            for (ResourceRecord record : records) {
                if (record.data() instanceof Ptr ptr && MdnsNames.same(record.name(), names.listing())) {
                    Optional<String> service = names.listedService(ptr.target());
                    if (service.isPresent() && record.ttl() == 0) {
                        found.remove(service.get());
                    } else if (service.isPresent()) {
                        found.add(service.get());
                        answered = true;
                    }
                }
            }
            return answered;
        }, null);
        return found;
    }

    /**
     * Sends {@code query} and passes the responses arriving within the timeout to {@code sink},
     * which says whether a response answered the query; ends {@code settle} after the last answer
     * when it is not {@code null}.
     */
    private void collect(DnsMessage query, BiPredicate<DnsMessage, List<SeenInstance>> sink, Duration settle) {
        Collector collector = new Collector(sink);
        collectors.add(collector);
        try {
            multicast.accept(query);
            collector.awaitAnswers(timeout, settle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            collectors.remove(collector);
            collector.close();
        }
    }

    /** One running query; the sink is called under its lock, never after {@link #close()}. */
    private static final class Collector {

        private final BiPredicate<DnsMessage, List<SeenInstance>> sink;
        private boolean closed;
        private boolean answered;
        private long lastAnswer;

        Collector(BiPredicate<DnsMessage, List<SeenInstance>> sink) {
            this.sink = sink;
        }

        synchronized void offer(DnsMessage message, List<SeenInstance> instances) {
            if (!closed && sink.test(message, instances)) {
                answered = true;
                lastAnswer = System.nanoTime();
                notifyAll();
            }
        }

        /** Waits for {@code timeout}, or until {@code settle} (when not {@code null}) passed since the last answer. */
        synchronized void awaitAnswers(Duration timeout, Duration settle) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long until = answered && settle != null ? Math.min(deadline, lastAnswer + settle.toNanos()) : deadline;
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized void close() {
            closed = true;
        }
    }
}
