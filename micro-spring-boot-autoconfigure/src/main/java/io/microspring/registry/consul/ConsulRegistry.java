package io.microspring.registry.consul;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.ecwid.consul.v1.agent.model.NewService;

import io.microspring.internal.Durations;
import io.microspring.net.HostPort;
import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.Service;
import io.microspring.registry.Watch;

/**
 * go-micro's Consul registry (consul-api client), sharing its data with go-micro services: each
 * node is an agent service instance whose id is the node id, with the node's address and port,
 * its metadata in {@code Meta}, and go-micro's {@code t-}, {@code e-} and {@code v-} tags
 * ({@link ConsulTags}) for metadata, endpoints and version.
 * <ul>
 * <li>{@link #register}: a new or changed node is registered with a TTL check of the register TTL
 * (starting as passing) that Consul removes after {@code max(TTL, 1m) + 5s} of being critical;
 * registering an unchanged node again (the server's heartbeat) only passes the check. When the
 * agent no longer knows the check (it restarted with empty state) the node is registered again at
 * once, so within one heartbeat interval.</li>
 * <li>{@link #getService}: the health endpoint; instances with a critical check are left out,
 * instances whose go-micro tags cannot be read are skipped with a warning.</li>
 * <li>{@link #watch}: blocking queries, one thread per watch ({@link ConsulWatch}).</li>
 * </ul>
 * {@link #close()} ends the watches and the HTTP clients; registered nodes are left to their
 * checks (the server deregisters them before).
 */
public final class ConsulRegistry implements Registry {

    /** This registry's name, as go-micro's. */
    public static final String NAME = "consul";

    /** Consul's shortest DeregisterCriticalServiceAfter, which go-micro adds a splay to. */
    private static final Duration MIN_DEREGISTER_AFTER = Duration.ofMinutes(1);
    private static final Duration DEREGISTER_SPLAY = Duration.ofSeconds(5);
    private static final Pattern META_KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final int MAX_META_VALUE = 512;
    private static final int MAX_META_ENTRIES = 64;
    private static final Logger log = LoggerFactory.getLogger(ConsulRegistry.class);

    private final ConsulSettings settings;
    private final ConsulAgent agent;
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    private final Set<ConsulWatch> watches = ConcurrentHashMap.newKeySet();

    /** A registry on the agent of {@code settings}; nothing is contacted before the first call. */
    public ConsulRegistry(ConsulSettings settings) {
        this.settings = settings;
        this.agent = new ConsulAgent(settings);
    }

    @Override
    public void register(Service service, Duration ttl) {
        if (service.nodes().isEmpty()) {
            throw new IllegalArgumentException("service " + service.name() + " has no node to register");
        }
        for (Node node : service.nodes()) {
            registerNode(service.withNodes(List.of(node)), node, ttl);
        }
    }

    @Override
    public void deregister(Service service) {
        for (Node node : service.nodes()) {
            registrations.remove(node.id());
            agent.deregister(node.id());
        }
    }

    @Override
    public List<Service> getService(String name) {
        return agent.health(name).byVersion();
    }

    @Override
    public List<Service> listServices() {
        return agent.catalogServices().keySet().stream().sorted()
                .map(name -> new Service(name, "", Map.of(), List.of(), List.of()))
                .toList();
    }

    @Override
    public Watch watch(String service, Consumer<RegistryEvent> listener) {
        ConsulWatch watch = new ConsulWatch(agent, service, listener, settings, watches::remove);
        watches.add(watch);
        watch.start();
        return watch;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void close() {
        List.copyOf(watches).forEach(ConsulWatch::close);
        agent.close();
    }

    private void registerNode(Service single, Node node, Duration ttl) {
        boolean checked = Durations.isPositive(ttl);
        Registration registration = new Registration(single, ttl);
        if (checked && registration.equals(registrations.get(node.id()))) {
            if (agent.pass(checkId(node))) {
                return;
            }
            log.info("Registry [consul] {} no longer knows node {} of {}; registering it again", agent.where(),
                    node.id(), single.name());
        }
        agent.register(instance(single, node, checked ? ttl : null));
        registrations.put(node.id(), registration);
    }

    private static NewService instance(Service single, Node node, Duration ttl) {
        HostPort address = parseAddress(node);
        NewService instance = new NewService();
        instance.setId(node.id());
        instance.setName(single.name());
        instance.setTags(ConsulTags.encode(node.metadata(), single.endpoints(), single.version()));
        instance.setAddress(address.host());
        instance.setPort(address.port());
        instance.setMeta(consulMeta(node.metadata()));
        if (ttl != null) {
            NewService.Check check = new NewService.Check();
            check.setTtl(ttl.toMillis() + "ms");
            Duration deregisterAfter = (ttl.compareTo(MIN_DEREGISTER_AFTER) < 0 ? MIN_DEREGISTER_AFTER : ttl)
                    .plus(DEREGISTER_SPLAY);
            check.setDeregisterCriticalServiceAfter(deregisterAfter.toMillis() + "ms");
            check.setStatus("passing");
            instance.setCheck(check);
        }
        return instance;
    }

    private static HostPort parseAddress(Node node) {
        try {
            return HostPort.parse(node.address(), 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("node " + node.id() + " has address " + e.getMessage(), e);
        }
    }

    /** The metadata entries Consul accepts as service meta; all of them travel in the tags anyway. */
    private static Map<String, String> consulMeta(Map<String, String> metadata) {
        Map<String, String> meta = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            if (meta.size() < MAX_META_ENTRIES && META_KEY.matcher(key).matches() && !key.startsWith("consul-")
                    && value.length() <= MAX_META_VALUE) {
                meta.put(key, value);
            }
        });
        return meta;
    }

    private static String checkId(Node node) {
        return "service:" + node.id();
    }

    /** What this registry last registered for a node. */
    private record Registration(Service service, Duration ttl) {
    }
}
