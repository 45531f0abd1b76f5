package io.microspring.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A NATS cluster (Debian's {@code nats-server} package) on loopback: {@code size} servers, each
 * with a client port and a route port, routed to all the others. A member is ready once it has a
 * route to every other member that accepts connections; a killed member restarted with {@link Server#start()}
 * rejoins on the same ports.
 *
 * <pre>{@code @RegisterExtension static NatsCluster nats = new NatsCluster(3);}</pre>
 */
public final class NatsCluster extends ServerCluster<NatsCluster.Server> {

    /** Chooses the ports of {@code size} servers. */
    public NatsCluster(int size) {
        List<int[]> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(FreePorts.find(3)); // client, route, monitoring
        }
        for (int i = 0; i < size; i++) {
            int self = i;
            String routes = IntStream.range(0, size).filter(j -> j != self)
                    .mapToObj(j -> "nats://127.0.0.1:" + ports.get(j)[1]).collect(Collectors.joining(","));
            add(new Server("nats-" + (i + 1), ports.get(i), routes, this));
        }
    }

    /** The client URLs of every server, {@code nats://127.0.0.1:<port>}. */
    public List<String> urls() {
        return members().stream().map(Server::url).toList();
    }

    /** The member whose client URL is {@code url}. */
    public Server byUrl(String url) {
        return members().stream().filter(server -> url.endsWith(":" + server.port)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member of the cluster at " + url));
    }

    /** One NATS server of the cluster. */
    public static final class Server extends ExternalServer {

        private final int port;
        private final int routePort;
        private final int monitorPort;
        private final String routes;
        private final NatsCluster cluster;

        private Server(String name, int[] ports, String routes, NatsCluster cluster) {
            super(name);
            this.port = ports[0];
            this.routePort = ports[1];
            this.monitorPort = ports[2];
            this.routes = routes;
            this.cluster = cluster;
        }

        /** {@code nats://127.0.0.1:<client port>}. */
        public String url() {
            return "nats://127.0.0.1:" + port;
        }

        @Override
        protected ExternalProcess launch(Path workDir) {
            return ExternalProcess.builder(name(), TestTools.require("nats-server"))
                    .directory(workDir)
                    .args("--addr", "127.0.0.1", "--port", Integer.toString(port), "--server_name", name(),
                            "--http_port", Integer.toString(monitorPort), "--cluster_name", "micro-test",
                            "--cluster", "nats://127.0.0.1:" + routePort, "--routes", routes)
                    .start();
        }

        @Override
        protected void awaitReady(ExternalProcess process, long deadlineNanos) {
            // routed to every other member that listens (no lock taken: members start in parallel)
            poll(process, deadlineNanos, "a route to every listening member in GET /routez", () -> {
                long others = cluster.members().stream().filter(m -> m != this && canConnect(m.port)).count();
                String routez = httpGet("http://127.0.0.1:" + monitorPort + "/routez");
                return routez != null
                        && Pattern.compile("\"num_routes\":\\s*" + others + "\\b").matcher(routez).find();
            });
        }

        @Override
        protected String describe() {
            return url() + ", route port " + routePort + ", monitoring port " + monitorPort;
        }
    }
}
