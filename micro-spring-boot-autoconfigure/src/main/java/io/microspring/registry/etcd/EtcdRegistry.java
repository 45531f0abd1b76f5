package io.microspring.registry.etcd;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import io.microspring.internal.Durations;
import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.Service;
import io.microspring.registry.Watch;

/**
 * go-micro's etcd registry (jetcd client), sharing its data with go-micro services: each node is
 * the key {@code /micro/registry/<service>/<nodeId>} holding the JSON of its service with that one
 * node ({@link EtcdEntries}).
 * <ul>
 * <li>{@link #register}: a new or changed node is put with a fresh lease of the TTL, which one
 * long-lived keep-alive stream then renews; registering an unchanged node again (the server's
 * heartbeat) costs nothing while that keep-alive runs. When the keep-alive ends (etcd was
 * unreachable longer than the TTL, the lease was revoked) the next heartbeat registers the node
 * again with a new lease.</li>
 * <li>{@link #getService} and {@link #listServices}: one prefix read each; entries that are not
 * go-micro services are skipped with a warning.</li>
 * <li>{@link #watch}: reports the current nodes as created, then every change through an etcd
 * watch on the service's prefix, which resumes by itself after an outage.</li>
 * </ul>
 * Every request waits at most {@link EtcdSettings#timeout()}. {@link #close()} ends the
 * keep-alives (the leases then expire), the watches and the client.
 */
public final class EtcdRegistry implements Registry {

    /** This registry's name, as go-micro's. */
    public static final String NAME = "etcd";

    private static final Logger log = LoggerFactory.getLogger(EtcdRegistry.class);

    private final EtcdConnection etcd;
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();

    /** A registry on the etcd cluster of {@code settings}; nothing is contacted before the first call. */
    public EtcdRegistry(EtcdSettings settings) {
        this.etcd = new EtcdConnection(settings);
    }

    @Override
    public synchronized void register(Service service, Duration ttl) {
        if (service.nodes().isEmpty()) {
            throw new IllegalArgumentException("service " + service.name() + " has no node to register");
        }
        for (Node node : service.nodes()) {
            registerNode(service, node, ttl);
        }
    }

    @Override
    public synchronized void deregister(Service service) {
        for (Node node : service.nodes()) {
            String key = EtcdEntries.nodeKey(service.name(), node.id());
            Registration registration = registrations.remove(key);
            if (registration != null) {
                registration.end();
            }
            etcd.await(etcd.client().getKVClient().delete(EtcdConnection.bytes(key)), "delete " + key);
        }
    }

    @Override
    public List<Service> getService(String name) {
        String prefix = EtcdEntries.servicePrefix(name);
        Map<String, Service> byVersion = new LinkedHashMap<>();
        for (KeyValue entry : read(prefix).getKvs()) {
            etcd.decode(entry).ifPresent(service -> byVersion.merge(service.version(), service,
                    (merged, next) -> merged.withNode(next.nodes().get(0))));
        }
        return List.copyOf(byVersion.values());
    }

    @Override
    public List<Service> listServices() {
        return read(EtcdEntries.PREFIX).getKvs().stream()
                .flatMap(entry -> etcd.decode(entry).stream())
                .map(service -> service.withNodes(List.of()))
                .distinct()
                .sorted(Comparator.comparing(Service::name).thenComparing(Service::version))
                .toList();
    }

    @Override
    public Watch watch(String service, Consumer<RegistryEvent> listener) {
        String prefix = service == null ? EtcdEntries.PREFIX : EtcdEntries.servicePrefix(service);
        EtcdWatch watch = new EtcdWatch(etcd, prefix, listener, watches::remove);
        watches.add(watch);
        try {
            watch.start();
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
        return watch;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void close() {
        registrations.values().forEach(Registration::end);
        registrations.clear();
        List.copyOf(watches).forEach(EtcdWatch::close);
        etcd.close();
    }

    private void registerNode(Service service, Node node, Duration ttl) {
        String key = EtcdEntries.nodeKey(service.name(), node.id());
        byte[] value = EtcdEntries.encode(service, node);
        Registration current = registrations.get(key);
        if (current != null && current.isAlive() && Arrays.equals(current.value, value)) {
            return; // unchanged, and the keep-alive holds the lease
        }
        long leaseSeconds = !Durations.isPositive(ttl) ? 0 : Math.max(1, (ttl.toMillis() + 999) / 1000);
        long leaseId = leaseSeconds == 0 ? 0
                : etcd.await(etcd.client().getLeaseClient().grant(leaseSeconds),
                        "grant a lease of " + leaseSeconds + "s for " + key).getID();
        PutOption put = leaseId == 0 ? PutOption.DEFAULT : PutOption.builder().withLeaseId(leaseId).build();
        etcd.await(etcd.client().getKVClient().put(EtcdConnection.bytes(key),
                ByteSequence.from(value), put), "put " + key);
        Registration registration = new Registration(key, value, leaseId);
        Registration previous = registrations.put(key, registration);
        if (previous != null) {
            previous.end();
        }
        if (leaseId != 0) {
            registration.keepAlive(etcd.client().getLeaseClient().keepAlive(leaseId, registration));
        }
    }

    private GetResponse read(String prefix) {
        return etcd.await(etcd.client().getKVClient().get(EtcdConnection.bytes(prefix),
                GetOption.builder().isPrefix(true).withSerializable(true).build()), "read " + prefix);
    }

    /** A node this registry put, with the keep-alive of its lease. */
    private static final class Registration implements StreamObserver<LeaseKeepAliveResponse> {
        private final String key;
        private final byte[] value;
        private final long leaseId;
        private volatile boolean alive = true;
        private volatile CloseableClient keepAlive;

        Registration(String key, byte[] value, long leaseId) {
            this.key = key;
            this.value = value;
            this.leaseId = leaseId;
        }

        boolean isAlive() {
            return alive;
        }

        void keepAlive(CloseableClient client) {
            keepAlive = client;
            if (!alive) {
                client.close();
            }
        }

        /** Stops the keep-alive; the lease then expires unless it was already gone. */
        void end() {
            alive = false;
            CloseableClient client = keepAlive;
            if (client != null) {
                client.close();
            }
        }

        @Override
        public void onNext(LeaseKeepAliveResponse response) {
            // the lease was renewed
        }

        @Override
        public void onError(Throwable error) {
            ended(error.getMessage());
        }

        @Override
        public void onCompleted() {
            ended("no renewal within the TTL");
        }

        private void ended(String reason) {
            if (alive) {
                end();
                log.warn("Registry [etcd] keep-alive of {} (lease {}) ended: {}; the next heartbeat registers it again",
                        key, Long.toHexString(leaseId), reason);
            }
        }
    }
}
