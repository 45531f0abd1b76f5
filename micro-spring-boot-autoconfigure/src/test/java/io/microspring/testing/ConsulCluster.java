package io.microspring.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Consul datacenter on loopback: {@code servers} server agents (raft, expecting each other to
 * bootstrap) and one client agent joined to them, the agent services talk to, as in production.
 * Each agent keeps its state in a temp dir of its own, so a killed server restarted with {@link
 * Agent#start()} rejoins with its raft log. Raft runs with {@code raft_multiplier = 1} (Consul's
 * recommended production timing, not its lenient default).
 *
 * <pre>{@code @RegisterExtension static ConsulCluster consul = new ConsulCluster(3);}</pre>
 */
public final class ConsulCluster extends ServerCluster<ConsulCluster.Agent> {

    private final Agent client;

    /** Chooses the ports of the server agents and of the client agent. */
    public ConsulCluster(int servers) {
        List<int[]> ports = new ArrayList<>();
        for (int i = 0; i <= servers; i++) {
            ports.add(FreePorts.find(4)); // http, serf lan, serf wan, server rpc
        }
        List<String> joins = ports.subList(0, servers).stream().map(p -> "-retry-join=127.0.0.1:" + p[1]).toList();
        for (int i = 0; i < servers; i++) {
            List<String> role = new ArrayList<>(List.of("-server", "-bootstrap-expect=" + servers));
            role.addAll(joins);
            add(new Agent("consul-server-" + (i + 1), ports.get(i), role, true));
        }
        client = new Agent("consul-client", ports.get(servers), joins, false);
        add(client);
    }

    /** The client agent, the one services register with and look up through. */
    public Agent client() {
        return client;
    }

    /** The running server agent that is the raft leader, waiting up to {@code timeout} for one to be elected. */
    public Agent awaitLeader(Duration timeout) {
        return await("Consul leader", timeout, this::leader);
    }

    private Optional<Agent> leader() {
        for (Agent asked : running(agent -> true)) {
            String leader = ExternalServer.httpGet(asked.httpUrl() + "/v1/status/leader");
            if (leader != null) {
                Optional<Agent> found = running(Agent::isServer).stream()
                        .filter(server -> leader.strip().equals("\"127.0.0.1:" + server.serverPort + "\""))
                        .findFirst();
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** One Consul agent of the datacenter, server or client. */
    public static final class Agent extends ExternalServer {

        private final int httpPort;
        private final int serfLanPort;
        private final int serfWanPort;
        private final int serverPort;
        private final List<String> role;
        private final boolean server;

        private Agent(String name, int[] ports, List<String> role, boolean server) {
            super(name);
            this.httpPort = ports[0];
            this.serfLanPort = ports[1];
            this.serfWanPort = ports[2];
            this.serverPort = ports[3];
            this.role = role;
            this.server = server;
        }

        /** {@code 127.0.0.1:<http port>}: the form of {@code micro.registry-address}. */
        public String address() {
            return "127.0.0.1:" + httpPort;
        }

        /** {@code http://127.0.0.1:<http port>}. */
        public String httpUrl() {
            return "http://" + address();
        }

        /** Whether this is a server agent. */
        public boolean isServer() {
            return server;
        }

        @Override
        protected ExternalProcess launch(Path workDir) {
            return ExternalProcess.builder(name(), ConsulServer.binary())
                    .directory(workDir)
                    .env("CHECKPOINT_DISABLE", "1")
                    .unsetEnv("CONSUL_HTTP_ADDR")
                    .args(
                            "agent",
                            "-node=" + name(),
                            "-data-dir=" + workDir.resolve("data"),
                            "-bind=127.0.0.1",
                            "-client=127.0.0.1",
                            "-advertise=127.0.0.1",
                            "-http-port=" + httpPort,
                            "-dns-port=-1",
                            "-serf-lan-port=" + serfLanPort,
                            "-serf-wan-port=" + serfWanPort,
                            "-server-port=" + serverPort,
                            "-grpc-port=-1",
                            "-grpc-tls-port=-1",
                            "-retry-interval=1s",
                            "-disable-host-node-id",
                            "-hcl=disable_update_check = true",
                            "-hcl=performance { raft_multiplier = 1 }",
                            "-log-level=info")
                    .args(role)
                    .start();
        }

        @Override
        protected void awaitReady(ExternalProcess process, long deadlineNanos) {
            poll(process, deadlineNanos, "a leader in GET /v1/status/leader", () -> {
                String leader = httpGet(httpUrl() + "/v1/status/leader");
                return leader != null && leader.contains("127.0.0.1:");
            });
            // the agent's own node must be in the catalog before registrations through it work
            poll(process, deadlineNanos, "GET /v1/catalog/node/" + name(), () -> {
                String node = httpGet(httpUrl() + "/v1/catalog/node/" + name());
                return node != null && node.contains("\"" + name() + "\"");
            });
        }

        @Override
        protected String describe() {
            return (server ? "server" : "client") + ", http " + httpUrl() + ", serf " + serfLanPort + "/" + serfWanPort
                    + ", server port " + serverPort;
        }
    }
}
