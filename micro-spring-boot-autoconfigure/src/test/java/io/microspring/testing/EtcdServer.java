package io.microspring.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * A single-member etcd (Debian's {@code etcd-server} package) on free loopback ports with its data
 * directory in a temp dir. {@link #stop()} then {@link #start()} restarts it on the same ports with
 * the same data (registrations whose lease has not expired survive).
 *
 * <pre>{@code @RegisterExtension static EtcdServer etcd = new EtcdServer();}</pre>
 */
public final class EtcdServer extends ExternalServer {

    private final int clientPort;
    private final int peerPort;

    /** Chooses the ports; the server starts with {@link #start()} or as a JUnit extension. */
    public EtcdServer() {
        super("etcd");
        int[] ports = FreePorts.find(2);
        this.clientPort = ports[0];
        this.peerPort = ports[1];
    }

    /** {@code 127.0.0.1:<client port>}: the form go-micro's {@code MICRO_REGISTRY_ADDRESS} takes. */
    public String address() {
        return "127.0.0.1:" + clientPort;
    }

    /** {@code http://127.0.0.1:<client port>}. */
    public String endpoint() {
        return "http://" + address();
    }

    /** The client endpoints (one). */
    public List<String> endpoints() {
        return List.of(endpoint());
    }

    /** The client port. */
    public int port() {
        return clientPort;
    }

    @Override
    protected ExternalProcess launch(Path workDir) {
        return launchMember("micro-test", workDir, endpoint(), peerPort, "micro-test=http://127.0.0.1:" + peerPort,
                "micro-test-" + clientPort);
    }

    @Override
    protected void awaitReady(ExternalProcess process, long deadlineNanos) {
        poll(process, deadlineNanos, "GET /health", () -> isHealthy(endpoint()));
    }

    /**
     * Starts the etcd member {@code name} serving clients at {@code clientEndpoint}, peers on
     * loopback {@code peerPort}, with its data in {@code workDir}; {@code initialCluster} is etcd's
     * {@code name=peerUrl,...} list of every member.
     */
    static ExternalProcess launchMember(String name, Path workDir, String clientEndpoint, int peerPort,
            String initialCluster, String token) {
        String peer = "http://127.0.0.1:" + peerPort;
        return ExternalProcess.builder(name, TestTools.require("etcd"))
                .directory(workDir)
                .args(
                        "--name=" + name,
                        "--data-dir=" + workDir.resolve("data"),
                        "--listen-client-urls=" + clientEndpoint,
                        "--advertise-client-urls=" + clientEndpoint,
                        "--listen-peer-urls=" + peer,
                        "--initial-advertise-peer-urls=" + peer,
                        "--initial-cluster=" + initialCluster,
                        "--initial-cluster-token=" + token,
                        "--initial-cluster-state=new",
                        "--logger=zap",
                        "--log-outputs=stderr")
                // an inherited ETCD_* variable would override the flags
                .unsetEnv("ETCD_DATA_DIR")
                .unsetEnv("ETCD_NAME")
                .unsetEnv("ETCD_LISTEN_CLIENT_URLS")
                .unsetEnv("ETCD_INITIAL_CLUSTER")
                .start();
    }

    /** Whether the member at {@code endpoint} reports itself healthy (it answers and has a leader). */
    static boolean isHealthy(String endpoint) {
        String body = httpGet(endpoint + "/health");
        return body != null && body.contains("\"health\":\"true\"");
    }

    @Override
    protected String describe() {
        return "client " + endpoint() + ", peer port " + peerPort;
    }
}
