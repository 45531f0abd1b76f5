package io.microspring.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A NATS server (Debian's {@code nats-server} package) on a free loopback port. {@link #stop()}
 * then {@link #start()} restarts it on the same port (core NATS keeps no state).
 *
 * <pre>{@code @RegisterExtension static NatsServer nats = new NatsServer();}</pre>
 */
public final class NatsServer extends ExternalServer {

    private final int port;
    private TestCertificates tls;

    /** Chooses the port; the server starts with {@link #start()} or as a JUnit extension. */
    public NatsServer() {
        super("nats");
        this.port = FreePorts.find();
    }

    /**
     * Requires TLS of its clients, with the server certificate of {@code certificates} (no client
     * certificates); call before the server starts.
     */
    public NatsServer withTls(TestCertificates certificates) {
        this.tls = certificates;
        return this;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** {@code nats://127.0.0.1:<port>}: the form go-micro's {@code MICRO_BROKER_ADDRESS} takes. */
    public String url() {
        return "nats://" + address();
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /**
     * Connects and returns the server's greeting, the {@code INFO {...}} line (sent in plain text
     * before a TLS handshake too), or {@code null} when nothing answers.
     */
    public String infoLine() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(2000);
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            return r.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected ExternalProcess launch(Path workDir) {
        Path natsServer = TestTools.require("nats-server");
        return ExternalProcess.builder("nats", natsServer)
                .directory(workDir)
                .args("--addr", "127.0.0.1", "--port", Integer.toString(port), "--server_name", "micro-test")
                .args(tls == null ? List.of() : List.of("--tls", "--tlscert", tls.server().certificate().toString(),
                        "--tlskey", tls.server().privateKey().toString()))
                .start();
    }

    @Override
    protected void awaitReady(ExternalProcess process, long deadlineNanos) {
        poll(process, deadlineNanos, "INFO line", () -> {
            String info = infoLine();
            return info != null && info.startsWith("INFO ");
        });
    }

    @Override
    protected String describe() {
        return url();
    }
}
