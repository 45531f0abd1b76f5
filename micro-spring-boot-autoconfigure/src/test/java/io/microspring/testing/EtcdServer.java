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
        Path etcd = TestTools.require("etcd");
        String peer = "http://127.0.0.1:" + peerPort;
        return ExternalProcess.builder("etcd", etcd)
                .directory(workDir)
                .args(
                        "--name=micro-test",
                        "--data-dir=" + workDir.resolve("data"),
                        "--listen-client-urls=" + endpoint(),
                        "--advertise-client-urls=" + endpoint(),
                        "--listen-peer-urls=" + peer,
                        "--initial-advertise-peer-urls=" + peer,
                        "--initial-cluster=micro-test=" + peer,
                        "--initial-cluster-state=new",
                        "--logger=zap",
                        "--log-outputs=stderr")
                .args(tls == null ? List.of() : List.of(
                        "--cert-file=" + tls.server().certificate(),
                        "--key-file=" + tls.server().privateKey(),
                        "--trusted-ca-file=" + tls.ca(),
                        "--client-cert-auth"))
                // an inherited ETCD_* variable would override the flags
                .unsetEnv("ETCD_DATA_DIR")
                .unsetEnv("ETCD_NAME")
                .unsetEnv("ETCD_LISTEN_CLIENT_URLS")
                .start();
    }

    @Override
    protected void awaitReady(ExternalProcess process, long deadlineNanos) {
        poll(process, deadlineNanos, "GET /health", () -> {
            String body = httpGet(endpoint() + "/health",
                    tls == null ? null : TestCertificates.sslContext(tls.ca(), tls.client()));
            return body != null && body.contains("\"health\":\"true\"");
        });
    }

    @Override
    protected String describe() {
        return "client " + endpoint() + ", peer port " + peerPort;
    }
}
