package io.microspring.registry.mdns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.internal.Durations;
import io.microspring.net.HostPort;
import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;
import io.microspring.registry.Watch;
import io.microspring.registry.mdns.MdnsResponder.Instance;

/**
 * go-micro's default registry: multicast DNS, compatible on the wire with go-micro v5's
 * {@code registry.NewMDNSRegistry()}. There is no server: every process answers queries for its
 * own nodes and asks the network when it looks something up. Each node is an instance
 * {@code <nodeId>.<service>.micro.} with SRV, A (or AAAA) and TXT records, the TXT holding the
 * node metadata, service version and endpoints ({@link MdnsTxt}).
 *
 * <ul>
 * <li>{@link #register}: a new or changed node is announced at once and again after a second, so
 * watchers elsewhere see it; registering an unchanged node again (the heartbeat) only moves its
 * expiry. A node not registered again within its TTL is dropped (with a goodbye). The records
 * carry the registration TTL (go-micro's 120s when none is given).</li>
 * <li>{@link #deregister} and {@link #close}: goodbye packets (TTL 0), so other processes' watches
 * report DELETE at once.</li>
 * <li>{@link #getService} and {@link #listServices}: local nodes plus what answers a multicast
 * query within {@link MdnsSettings#queryTimeout()}; each call takes that long, or less with a
 * {@link MdnsSettings#settleTime()}.</li>
 * <li>{@link #watch}: local changes, plus the announcements, goodbyes and answers heard from other
 * processes; see {@link MdnsWatchers}.</li>
 * </ul>
 * Runs one receive thread and one scheduler thread (announcements, expiry, watch events); both
 * stop in {@link #close()}. TXT records of other processes that cannot be read are skipped with a
 * warning.
 */
public final class MdnsRegistry implements Registry {

    /** This registry's name, as go-micro's. */
    public static final String NAME = "mdns";

    private static final Logger log = LoggerFactory.getLogger(MdnsRegistry.class);
    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration REANNOUNCE_AFTER = Duration.ofSeconds(1);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int MAX_WARNED = 1024;
    private static final long NEVER = Long.MAX_VALUE;

    private final MdnsNames names;
    private final MdnsSocket socket;
    private final ScheduledExecutorService scheduler;
    private final MdnsResponder responder;
    private final MdnsQuerier querier;
    private final MdnsWatchers watchers;
    private final Map<String, Registration> local = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** The scheduler's one thread, joined in {@link #close()}: its executor terminates before it dies. */
    private volatile Thread schedulerThread;

    /** With {@link MdnsSettings#defaults()}: loopback only. */
    public MdnsRegistry() {
        this(MdnsSettings.defaults());
    }

    /**
     * Opens the sockets and starts the threads.
     *
     * @throws RegistryException when an interface is missing, or port 5353 or the group cannot be joined
     */
    public MdnsRegistry(MdnsSettings settings) {
        this.names = new MdnsNames(settings.domain());
        this.responder = new MdnsResponder(names, this::localInstances);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "micro-mdns-scheduler");
            thread.setDaemon(true);
            schedulerThread = thread;
            return thread;
        });
        try {
            this.socket = new MdnsSocket(settings.interfaces(), this::onMessage);
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            throw e;
        }
        this.querier = new MdnsQuerier(names, socket::sendMulticast, settings.queryTimeout(),
                settings.settleTime());
        this.watchers = new MdnsWatchers(this::nodeOf, scheduler,
                instance -> socket.sendMulticast(DnsMessage.query(instance, DnsMessage.TYPE_ANY)));
        scheduler.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void register(Service service, Duration ttl) {
        checkOpen();
        boolean forever = !Durations.isPositive(ttl);
        long recordTtl = forever ? MdnsResponder.DEFAULT_TTL_SECONDS : Math.max(1, (ttl.toMillis() + 999) / 1000);
        long expiresAt = forever ? NEVER : System.nanoTime() + ttl.toNanos();
        List<Registration> prepared = new ArrayList<>();
        for (Node node : service.nodes()) {
            prepared.add(prepare(service, node, recordTtl, expiresAt));
        }
        List<RegistryEvent> changes = new ArrayList<>();
        List<Instance> announce = new ArrayList<>();
        synchronized (local) {
            for (Registration registration : prepared) {
                String key = MdnsNames.key(registration.instance().name());
                Registration previous = local.get(key);
                if (previous != null && previous.sameAs(registration)) {
                    local.put(key, previous.withExpiry(expiresAt));
                    continue;
                }
                Registration added = registration.withTxt();
                local.put(key, added);
                announce.add(added.instance());
                changes.add(new RegistryEvent(previous == null ? RegistryEvent.Type.CREATE : RegistryEvent.Type.UPDATE,
                        added.service()));
            }
        }
        for (Instance instance : announce) {
            socket.sendMulticast(responder.announcement(instance));
            scheduler.schedule(() -> reannounce(instance), REANNOUNCE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
        watchers.publish(changes);
    }

    @Override
    public void deregister(Service service) {
        checkOpen();
        List<Registration> removed = new ArrayList<>();
        synchronized (local) {
            for (Node node : service.nodes()) {
                Optional.ofNullable(local.remove(MdnsNames.key(names.instance(node.id(), service.name()))))
                        .ifPresent(removed::add);
            }
        }
        sayGoodbye(removed);
    }

    @Override
    public List<Service> getService(String name) {
        checkOpen();
        Map<String, Service> nodes = new LinkedHashMap<>();
        for (Registration registration : local.values()) {
            if (registration.service().name().equals(name)) {
                nodes.put(MdnsNames.key(registration.instance().name()), registration.service());
            }
        }
        List<SeenInstance> answered;
        try {
            answered = querier.instancesOf(checkName(name));
        } catch (IllegalArgumentException e) {
            throw new RegistryException("mdns: cannot look up service '" + name + "': " + e.getMessage(), e);
        }
        for (SeenInstance instance : answered) {
            nodeOf(instance).filter(service -> service.name().equals(name))
                    .ifPresent(service -> nodes.putIfAbsent(MdnsNames.key(instance.name()), service));
        }
        Map<String, Service> byVersion = new LinkedHashMap<>();
        for (Service single : nodes.values()) {
            byVersion.merge(single.version(), single, (merged, next) -> merged.withNode(next.nodes().get(0)));
        }
        return List.copyOf(byVersion.values());
    }

    @Override
    public List<Service> listServices() {
        checkOpen();
        Set<String> found = new TreeSet<>(querier.listedServices());
        local.values().forEach(registration -> found.add(registration.service().name()));
        return found.stream().map(name -> new Service(name, "", null, null, null)).toList();
    }

    @Override
    public Watch watch(String service, Consumer<RegistryEvent> listener) {
        checkOpen();
        return watchers.add(service, listener);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Says goodbye for every node still registered, then stops the threads and closes the sockets. */
    @Override
    public void close() {
        List<Registration> removed;
        synchronized (local) {
            if (closed) {
                return;
            }
            closed = true;
            removed = new ArrayList<>(local.values());
            local.clear();
        }
        sayGoodbye(removed);
        watchers.close();
        scheduler.shutdownNow();
        try {
            Thread thread = schedulerThread;
            if (thread != null && thread != Thread.currentThread()) {
                thread.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }

    /**
     * Called on the receive thread for every message from another socket. Queries are answered to
     * their sender, as go-micro does; only a full mDNS querier (port 5353) that did not ask for a
     * unicast answer gets it by multicast, as RFC 6762 section 6 wants.
     */
    private void onMessage(DnsMessage message, InetSocketAddress from) {
        if (!message.isResponse()) {
            boolean multicast = from.getPort() == MdnsSocket.GROUP.getPort()
                    && message.questions().stream().noneMatch(DnsMessage.Question::wantsUnicastResponse);
            for (DnsMessage response : responder.answer(message)) {
                if (multicast) {
                    socket.sendMulticast(response);
                } else {
                    socket.sendUnicast(response, from);
                }
            }
            return;
        }
        List<SeenInstance> instances = SeenInstance.parse(message);
        querier.onResponse(message, instances);
        watchers.onResponse(instances, System.nanoTime());
    }

    private void tick() {
        try {
            expireLocal(System.nanoTime());
            watchers.tick(System.nanoTime());
        } catch (RuntimeException e) {
            log.warn("mdns: periodic work failed", e);
        }
    }

    private void expireLocal(long now) {
        List<Registration> expired = new ArrayList<>();
        synchronized (local) {
            local.values().removeIf(registration -> {
                boolean gone = registration.expiresAtNanos() != NEVER && registration.expiresAtNanos() - now < 0;
                if (gone) {
                    expired.add(registration);
                }
                return gone;
            });
        }
        expired.forEach(registration -> log.info("mdns: node {} of {} was not registered again within its TTL;"
                + " dropped", registration.service().nodes().get(0).id(), registration.service().name()));
        sayGoodbye(expired);
    }

    private void reannounce(Instance instance) {
        Registration current = local.get(MdnsNames.key(instance.name()));
        if (!closed && current != null && current.instance() == instance) {
            socket.sendMulticast(responder.announcement(instance));
        }
    }

    private void sayGoodbye(List<Registration> removed) {
        List<RegistryEvent> changes = new ArrayList<>();
        for (Registration registration : removed) {
            socket.sendMulticast(responder.goodbye(registration.instance()));
            changes.add(new RegistryEvent(RegistryEvent.Type.DELETE, registration.service()));
        }
        watchers.publish(changes);
    }

    private Collection<Instance> localInstances() {
        return local.values().stream().map(Registration::instance).toList();
    }

    /** The node an instance of another process stands for; a TXT that cannot be read is warned about once. */
    private Optional<Service> nodeOf(SeenInstance instance) {
        try {
            return instance.toService(names);
        } catch (IllegalArgumentException e) {
            if (warned.size() < MAX_WARNED && warned.add(MdnsNames.key(instance.name()))) {
                log.warn("mdns: skipping {}: its TXT record is not go-micro's hex(zlib(json)): {}", instance.name(),
                        e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** Checks what a node needs to become DNS records; nothing is registered when one is wrong. */
    private Registration prepare(Service service, Node node, long recordTtl, long expiresAt) {
        String where = "mdns: cannot register node '" + node.id() + "' of service '" + service.name() + "': ";
        if (node.id() == null || node.id().isEmpty()) {
            throw new RegistryException(where + "the node id is empty");
        }
        InetSocketAddress address = parseAddress(node.address(), where);
        String instanceName = names.instance(node.id(), checkName(service.name()));
        try {
            DnsCodec.labels(instanceName);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(where + e.getMessage());
        }
        Service single = new Service(service.name(), service.version(), Map.of(), service.endpoints(), List.of(node));
        Instance instance = new Instance(service.name(), names.service(service.name()), instanceName,
                address.getPort(), address.getAddress(), List.of(), recordTtl);
        return new Registration(single, instance, expiresAt);
    }

    /** {@code host:port} with an IP literal as host, as go-micro requires; never a name lookup. */
    private static InetSocketAddress parseAddress(String address, String where) {
        HostPort hostPort;
        try {
            hostPort = HostPort.parse(address).requireHost();
        } catch (IllegalArgumentException e) {
            throw new RegistryException(where + "the address " + e.getMessage());
        }
        String host = hostPort.host();
        if (hostPort.port() == 0) {
            throw new RegistryException(where + "the port of '" + address + "' is not a number from 1 to 65535");
        }
        if (!IPV4.matcher(host).matches() && !host.contains(":")) {
            throw new RegistryException(where + "the host of '" + address + "' must be an IP address, not a name");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), hostPort.port());
        } catch (UnknownHostException e) {
            throw new RegistryException(where + "'" + host + "' is not an IP address");
        }
    }

    private static String checkName(String service) {
        if (service == null || service.isEmpty()) {
            throw new RegistryException("mdns: the service name is empty");
        }
        return service;
    }

    private void checkOpen() {
        if (closed) {
            throw new RegistryException("mdns: the registry is closed");
        }
    }

    /** A node of this process: its one-node service, its DNS records' data and when it expires. */
    private record Registration(Service service, Instance instance, long expiresAtNanos) {

        boolean sameAs(Registration other) {
            return service.equals(other.service) && instance.address().equals(other.instance.address())
                    && instance.port() == other.instance.port() && instance.ttl() == other.instance.ttl();
        }

        Registration withExpiry(long newExpiry) {
            return new Registration(service, instance, newExpiry);
        }

        /** With the TXT strings of the node: encoded only for a new or changed node, not on every heartbeat. */
        Registration withTxt() {
            Node node = service.nodes().get(0);
            List<String> txt = new MdnsTxt(node.metadata(), service.name(), service.version(), service.endpoints())
                    .encode();
            return new Registration(service, new Instance(instance.service(), instance.type(), instance.name(),
                    instance.port(), instance.address(), txt, instance.ttl()), expiresAtNanos);
        }
    }
}
