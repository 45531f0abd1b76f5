package io.microspring.registry.mdns;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.registry.RegistryEvent;
import io.microspring.registry.Service;
import io.microspring.registry.Watch;

/**
 * The watches of one registry and what they need to know about nodes of other processes.
 *
 * <p>Every instance seen in a response (announcements, goodbyes, answers to queries) is kept
 * with its TTL: a node seen for the first time is a CREATE, a changed one an UPDATE, a goodbye
 * (TTL 0) a DELETE. Nodes of a process that died send no goodbye; while watches are open they are
 * asked about again at 80, 85, 90 and 95% of their TTL (RFC 6762 section 5.2), and a node that
 * does not answer is a DELETE when its TTL runs out. go-micro's own watcher has no such cache: it
 * reports every announcement it hears as a create, and misses dead processes.
 *
 * <p>Listeners are called one at a time on the {@code events} executor; they should return quickly.
 */
final class MdnsWatchers {

    private static final Logger log = LoggerFactory.getLogger(MdnsWatchers.class);
    private static final double FIRST_REFRESH = 0.80;
    private static final double REFRESH_STEP = 0.05;
    private static final int REFRESHES = 4;

    private final Function<SeenInstance, Optional<Service>> decoder;
    private final Executor events;
    private final Consumer<String> refreshQuery;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final Map<String, Known> known = new HashMap<>();

    /**
     * @param decoder the one-node service of an instance (empty when it is none)
     * @param events where listeners are called
     * @param refreshQuery sends a query for the instance name given, to learn whether it is still there
     */
    MdnsWatchers(Function<SeenInstance, Optional<Service>> decoder, Executor events, Consumer<String> refreshQuery) {
        this.decoder = decoder;
        this.events = events;
        this.refreshQuery = refreshQuery;
    }

    /** Starts calling {@code listener} for changes of {@code service} (all services when {@code null}). */
    Watch add(String service, Consumer<RegistryEvent> listener) {
        Watcher watcher = new Watcher(service, Objects.requireNonNull(listener, "listener"));
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
    }

    /** Reports changes made in this process. */
    void publish(List<RegistryEvent> changes) {
        changes.forEach(this::publish);
    }

    /** Takes in the instances of a response received from another process. */
    synchronized void onResponse(List<SeenInstance> instances, long nowNanos) {
        for (SeenInstance instance : instances) {
            String key = MdnsNames.key(instance.name());
            Known previous = known.get(key);
            if (instance.isGoodbye()) {
                known.remove(key);
                Optional<Service> gone = decoder.apply(instance).or(() -> Optional.ofNullable(previous)
                        .map(Known::service));
                gone.ifPresent(service -> publish(new RegistryEvent(RegistryEvent.Type.DELETE, service)));
            } else if (previous != null && previous.sameAs(instance)) {
                known.put(key, previous.seenAgain(instance.ttl(), nowNanos));
            } else if (instance.txt() != null && instance.address() != null) {
                decoder.apply(instance).ifPresent(service -> {
                    known.put(key, new Known(instance, service, nowNanos, instance.ttl(), 0));
                    if (previous == null) {
                        publish(new RegistryEvent(RegistryEvent.Type.CREATE, service));
                    } else if (!previous.service().equals(service)) {
                        publish(new RegistryEvent(RegistryEvent.Type.UPDATE, service));
                    }
                });
            }
        }
    }

    /**
     * Called periodically: asks again about nodes near the end of their TTL and reports those past it
     * as deleted; without watches, forgets them quietly.
     */
    synchronized void tick(long nowNanos) {
        boolean watching = !watchers.isEmpty();
        for (Iterator<Map.Entry<String, Known>> it = known.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Known> entry = it.next();
            Known node = entry.getValue();
            double age = (double) (nowNanos - node.seenAtNanos()) / TimeUnit.SECONDS.toNanos(node.ttlSeconds());
            if (age >= 1) {
                it.remove();
                if (watching) {
                    publish(new RegistryEvent(RegistryEvent.Type.DELETE, node.service()));
                }
            } else if (watching && node.refreshes() < REFRESHES
                    && age >= FIRST_REFRESH + REFRESH_STEP * node.refreshes()) {
                entry.setValue(node.refreshed());
                refreshQuery.accept(node.instance().name());
            }
        }
    }

    /** Stops every watch. */
    synchronized void close() {
        watchers.clear();
        known.clear();
    }

    private void publish(RegistryEvent event) {
        for (Watcher watcher : watchers) {
            if (watcher.service() == null || watcher.service().equals(event.service().name())) {
                try {
                    events.execute(() -> {
                        if (watchers.contains(watcher)) {
                            watcher.deliver(event);
                        }
                    });
                } catch (RejectedExecutionException closing) {
                    return;
                }
            }
        }
    }

    /** A node of another process: the instance as last seen and its one-node service. */
    private record Known(SeenInstance instance, Service service, long seenAtNanos, long ttlSeconds, int refreshes) {

        boolean sameAs(SeenInstance other) {
            return Objects.equals(other.txt(), instance.txt()) && other.port() == instance.port()
                    && Objects.equals(other.address(), instance.address());
        }

        Known seenAgain(long ttl, long nowNanos) {
            return new Known(instance, service, nowNanos, ttl, 0);
        }

        Known refreshed() {
            return new Known(instance, service, seenAtNanos, ttlSeconds, refreshes + 1);
        }
    }

    /** One watch; compared by identity, so that closing it removes exactly this one. */
    private static final class Watcher {

        private final String service;
        private final Consumer<RegistryEvent> listener;

        Watcher(String service, Consumer<RegistryEvent> listener) {
            this.service = service;
            this.listener = listener;
        }

        String service() {
            return service;
        }

        void deliver(RegistryEvent event) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("mdns: a registry watch listener failed on {} of {}", event.type(), event.service().name(), e);
            }
        }
    }
}
