package io.microspring.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.RegistryEvent.Type;
import io.microspring.registry.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two {@link MdnsRegistry}s in separate JVMs find each other over loopback multicast: this JVM
 * and a {@link MdnsPeerMain} process.
 */
class MdnsRegistryIT {

    private static final Duration PEER_TTL = Duration.ofSeconds(3);
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    // unique per run: other test runs on this machine may use mDNS at the same time
    private final String service = "mdns-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<RegistryEvent> events = new CopyOnWriteArrayList<>();
    private MdnsRegistry registry;
    private PeerProcess peer;

    @BeforeEach
    void start() {
        registry = new MdnsRegistry();
        registry.watch(service, events::add);
    }

    @AfterEach
    void stop() {
        if (peer != null) {
            peer.close();
        }
        registry.close();
    }

    @Test
    void findsAndWatchesTheNodeOfAnotherProcess() {
        peer = startPeer("peer-1", "127.0.0.1:18081");

        await().atMost(Duration.ofSeconds(1)).until(() -> events.stream().anyMatch(e -> e.type() == Type.CREATE));
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(Type.CREATE);
            assertThat(event.service().nodes()).extracting(Node::id).containsExactly("peer-1");
        });

        List<Service> found = registry.getService(service);
        Service expected = MdnsPeerMain.service(service, "peer-1", "127.0.0.1:18081");
        assertThat(found).singleElement().satisfies(version -> {
            assertThat(version.name()).isEqualTo(service);
            assertThat(version.version()).isEqualTo("2.0.0");
            assertThat(version.endpoints()).isEqualTo(expected.endpoints());
            assertThat(version.nodes()).containsExactly(expected.nodes().get(0));
        });
        assertThat(registry.listServices()).extracting(Service::name).contains(service);

        peer.send("deregister");
        peer.awaitLine("DEREGISTERED", Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(1)).until(() -> events.stream().anyMatch(e -> e.type() == Type.DELETE));
        assertThat(events).extracting(RegistryEvent::type).containsExactly(Type.CREATE, Type.DELETE);
        assertThat(registry.getService(service)).isEmpty();
        assertThat(registry.listServices()).extracting(Service::name).doesNotContain(service);
    }

    @Test
    void theOtherProcessFindsOurNode() throws Exception {
        String ours = service + "-java";
        Service mine = new Service(ours, "1.0.0", Map.of(), List.of(new Endpoint("Ours.Call", null, null, null)),
                List.of(new Node("ours-1", "127.0.0.1:18082", Map.of("k", "v"))));
        registry.register(mine, Duration.ofMinutes(1));
        peer = startPeer("peer-2", "127.0.0.1:18083");

        peer.send("get " + ours);
        Service[] seen = JSON.readValue(peer.awaitLine("SERVICES ", Duration.ofSeconds(10)).substring(9),
                Service[].class);
        peer.send("list");
        Service[] listed = JSON.readValue(peer.awaitLine("LIST ", Duration.ofSeconds(10)).substring(5),
                Service[].class);

        assertThat(seen).containsExactly(mine);
        assertThat(listed).extracting(Service::name).contains(ours, service);
    }

    @Test
    void dropsTheNodeOfAKilledProcess() {
        peer = startPeer("peer-3", "127.0.0.1:18084");
        await().atMost(Duration.ofSeconds(1)).until(() -> events.stream().anyMatch(e -> e.type() == Type.CREATE));

        peer.kill();

        // nobody answers for it any more
        assertThat(registry.getService(service)).isEmpty();
        // no goodbye came: the watch reports it once its TTL has run out unanswered
        await().atMost(PEER_TTL.plusSeconds(2)).until(() -> events.stream().anyMatch(e -> e.type() == Type.DELETE));
        assertThat(events).extracting(RegistryEvent::type).containsExactly(Type.CREATE, Type.DELETE);
        assertThat(events.get(1).service().nodes()).extracting(Node::id).containsExactly("peer-3");
    }

    private PeerProcess startPeer(String nodeId, String address) {
        PeerProcess started = PeerProcess.start("mdns-" + nodeId,
                PeerProcess.java(MdnsPeerMain.class, service, nodeId, address, Long.toString(PEER_TTL.toMillis())));
        started.awaitLine("READY", STARTUP);
        return started;
    }
}
