package io.microspring.registry.mdns;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.Value;
import tools.jackson.databind.json.JsonMapper;

/**
 * The other process of {@link MdnsRegistryIT}: registers one node with an {@link MdnsRegistry},
 * registers it again every third of its TTL as a server's heartbeat does, prints {@code READY},
 * then obeys commands on stdin, one per line:
 * <ul>
 * <li>{@code get <service>}: prints {@code SERVICES <json>};</li>
 * <li>{@code list}: prints {@code LIST <json>};</li>
 * <li>{@code deregister}: stops the heartbeat, deregisters, prints {@code DEREGISTERED};</li>
 * <li>{@code exit}: closes the registry and ends.</li>
 * </ul>
 * Arguments: {@code <service> <nodeId> <host:port> <ttlMillis>}.
 */
public final class MdnsPeerMain {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MdnsPeerMain() {
    }

    /** The service the peer registers. */
    static Service service(String name, String nodeId, String address) {
        return new Service(name, "2.0.0", Map.of(),
                List.of(new Endpoint("Peer.Ping", new Value("PingRequest", "PingRequest", List.of()),
                        new Value("PingResponse", "PingResponse", List.of(new Value("pong", "string", null))),
                        Map.of("stream", "false"))),
                List.of(new Node(nodeId, address, Map.of("protocol", "mucp", "registry", "mdns", "peer", "java"))));
    }

    public static void main(String[] args) throws Exception {
        Duration ttl = Duration.ofMillis(Long.parseLong(args[3]));
        Service service = service(args[0], args[1], args[2]);
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
        try (MdnsRegistry registry = new MdnsRegistry()) {
            registry.register(service, ttl);
            long every = ttl.toMillis() / 3;
            heartbeat.scheduleAtFixedRate(() -> registry.register(service, ttl), every, every, TimeUnit.MILLISECONDS);
            System.out.println("READY");
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = commands.readLine(); line != null && !line.equals("exit"); line = commands.readLine()) {
                if (line.startsWith("get ")) {
                    System.out.println("SERVICES " + JSON.writeValueAsString(registry.getService(line.substring(4))));
                } else if (line.equals("list")) {
                    System.out.println("LIST " + JSON.writeValueAsString(registry.listServices()));
                } else if (line.equals("deregister")) {
                    heartbeat.shutdownNow();
                    heartbeat.awaitTermination(1, TimeUnit.SECONDS);
                    registry.deregister(service);
                    System.out.println("DEREGISTERED");
                }
            }
        } finally {
            heartbeat.shutdownNow();
        }
    }
}
