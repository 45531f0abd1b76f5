package io.microspring.testing;

import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLContext;

/**
 * A Consul dev agent ({@code consul agent -dev}, built by {@code scripts/build-consul.sh} into
 * the tools cache) bound to 127.0.0.1 with free HTTP, DNS, serf LAN/WAN, server RPC and gRPC
 * ports. A dev agent keeps its state in memory: after {@link #stop()} and {@link #start()} it
 * comes back on the same ports, empty.
 *
 * <pre>{@code @RegisterExtension static ConsulServer consul = new ConsulServer();}</pre>
 */
public final class ConsulServer extends ExternalServer {

    private final int httpPort;
    private final int dnsPort;
    private final int serfLanPort;
    private final int serfWanPort;
    private final int serverPort;
    private final int grpcPort;
    private TestCertificates tls;

    /** Chooses the ports; the agent starts with {@link #start()} or as a JUnit extension. */
    public ConsulServer() {
        super("consul");
        int[] ports = FreePorts.find(6);
        this.httpPort = ports[0];
        this.dnsPort = ports[1];
        this.serfLanPort = ports[2];
        this.serfWanPort = ports[3];
        this.serverPort = ports[4];
        this.grpcPort = ports[5];
    }

    /** {@code 127.0.0.1:<http port>}: the form go-micro's {@code MICRO_REGISTRY_ADDRESS} takes. */
    public String address() {
        return "127.0.0.1:" + httpPort;
    }

    /**
     * Serves its HTTP API only over TLS (on the same port), with the server certificate of
     * {@code certificates}; call before the agent starts.
     */
    public ConsulServer withTls(TestCertificates certificates) {
        this.tls = certificates;
        return this;
    }

    /** {@code http://127.0.0.1:<http port>}, {@code https://} with TLS. */
    public String httpUrl() {
        return (tls == null ? "http://" : "https://") + address();
    }

    /** The HTTP API port (HTTPS with TLS). */
    public int port() {
        return httpPort;
    }

    /** The consul binary: on PATH or {@code <tools cache>/consul-<version>/consul}. */
    public static Path binary() {
        return TestTools.find("consul")
                .or(() -> TestTools.findInCache("consul-", "consul"))
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "consul was not found on PATH or in "
                                                + TestTools.cacheDir()
                                                + "/consul-*/consul. Run "
                                                + TestTools.INSTALL_SCRIPT
                                                + " (or scripts/build-consul.sh) to build it."));
    }

    @Override
    protected ExternalProcess launch(Path workDir) {
        return ExternalProcess.builder("consul", binary())
                .directory(workDir)
                .env("CHECKPOINT_DISABLE", "1") // no update check over the network
                .unsetEnv("CONSUL_HTTP_ADDR")
                .args(
                        "agent",
                        "-dev",
                        "-node=micro-test",
                        "-bind=127.0.0.1",
                        "-client=127.0.0.1",
                        "-advertise=127.0.0.1",
                        "-http-port=" + (tls == null ? httpPort : -1),
                        "-https-port=" + (tls == null ? -1 : httpPort),
                        "-dns-port=" + dnsPort,
                        "-serf-lan-port=" + serfLanPort,
                        "-serf-wan-port=" + serfWanPort,
                        "-server-port=" + serverPort,
                        "-grpc-port=" + grpcPort,
                        "-grpc-tls-port=-1",
                        "-hcl=disable_update_check = true",
                        "-log-level=info")
                .args(tls == null ? List.of() : List.of("-hcl=tls { defaults { ca_file = \"" + tls.ca()
                        + "\" cert_file = \"" + tls.server().certificate() + "\" key_file = \""
                        + tls.server().privateKey() + "\" verify_incoming = false } }"))
                .start();
    }

    @Override
    protected void awaitReady(ExternalProcess process, long deadlineNanos) {
        poll(process, deadlineNanos, "GET /v1/status/leader", () -> {
            String leader = httpGet(httpUrl() + "/v1/status/leader", clientTls());
            return leader != null && leader.contains(":" + serverPort);
        });
        // the agent also has to have synced its own node into the catalog before registrations work
        poll(process, deadlineNanos, "GET /v1/catalog/node/micro-test", () -> {
            String node = httpGet(httpUrl() + "/v1/catalog/node/micro-test", clientTls());
            return node != null && node.contains("\"micro-test\"");
        });
    }

    private SSLContext clientTls() {
        return tls == null ? null : TestCertificates.sslContext(tls.ca(), null);
    }

    @Override
    protected String describe() {
        return "http " + httpUrl() + ", dns " + dnsPort + ", serf " + serfLanPort + "/" + serfWanPort
                + ", server " + serverPort + ", grpc " + grpcPort;
    }
}
