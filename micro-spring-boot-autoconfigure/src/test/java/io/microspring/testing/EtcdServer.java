package io.microspring.testing;

import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLContext;

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
    private TestCertificates tls;

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

    /**
     * Serves clients over TLS with the server certificate of {@code certificates}, and only clients
     * with a certificate of its CA; call before the server starts.
     */
    public EtcdServer withTls(TestCertificates certificates) {
        this.tls = certificates;
        return this;
    }

    /** {@code http://127.0.0.1:<client port>}, {@code https://} with TLS. */
    public String endpoint() {
        return (tls == null ? "http://" : "https://") + address();
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
        List<String> tlsArgs = tls == null ? List.of() : List.of(
                "--cert-file=" + tls.server().certificate(),
                "--key-file=" + tls.server().privateKey(),
                "--trusted-ca-file=" + tls.ca(),
                "--client-cert-auth");
        return launchMember("micro-test", workDir, endpoint(), peerPort, "micro-test=http://127.0.0.1:" + peerPort,
                "micro-test-" + clientPort, tlsArgs);
    }

    @Override
    protected void awaitReady(ExternalProcess process, long deadlineNanos) {
        SSLContext client = tls == null ? null : TestCertificates.sslContext(tls.ca(), tls.client());
        poll(process, deadlineNanos, "GET /health", () -> isHealthy(endpoint(), client));
    }

    /**
     * Starts the etcd member {@code name} serving clients at {@code clientEndpoint}, peers on
     * loopback {@code peerPort}, with its data in {@code workDir}; {@code initialCluster} is etcd's
     * {@code name=peerUrl,...} list of every member; {@code extraArgs} are added to etcd's flags.
     */
    static ExternalProcess launchMember(String name, Path workDir, String clientEndpoint, int peerPort,
            String initialCluster, String token, List<String> extraArgs) {
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
                .args(extraArgs)
                // an inherited ETCD_* variable would override the flags
                .unsetEnv("ETCD_DATA_DIR")
                .unsetEnv("ETCD_NAME")
                .unsetEnv("ETCD_LISTEN_CLIENT_URLS")
                .unsetEnv("ETCD_INITIAL_CLUSTER")
                .start();
    }

    /**
     * Whether the member at {@code endpoint} reports itself healthy (it answers and has a leader);
     * {@code tls} is the client's context for an {@code https} endpoint, else {@code null}.
     */
    static boolean isHealthy(String endpoint, SSLContext tls) {
        String body = httpGet(endpoint + "/health", tls);
        return body != null && body.contains("\"health\":\"true\"");
    }

    @Override
    protected String describe() {
        return "client " + endpoint() + ", peer port " + peerPort;
    }
}
