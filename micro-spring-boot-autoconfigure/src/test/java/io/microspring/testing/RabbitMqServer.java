package io.microspring.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A standalone RabbitMQ node (Debian's {@code rabbitmq-server} package) with its own node name,
 * AMQP port, Erlang distribution port and epmd (started by this class on its own free port), and
 * its mnesia, log and config files in a temp dir; no plugins. Ready once the AMQP port answers
 * the protocol header with {@code Connection.Start}. Login {@code guest}/{@code guest} (allowed
 * from loopback only, which is where clients connect).
 *
 * <pre>{@code @RegisterExtension static RabbitMqServer rabbit = new RabbitMqServer();}</pre>
 */
public final class RabbitMqServer extends ExternalServer {

    private static final Path SERVER_SCRIPT = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final Path CTL_SCRIPT = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");

    private final int amqpPort;
    private final int distPort;
    private final int epmdPort;
    private final String nodeName;
    private ExternalProcess epmd;
    private TestCertificates tls;

    /** Chooses the ports; the node starts with {@link #start()} or as a JUnit extension. */
    public RabbitMqServer() {
        super("rabbitmq");
        int[] ports = FreePorts.find(3);
        this.amqpPort = ports[0];
        this.distPort = ports[1];
        this.epmdPort = ports[2];
        this.nodeName = "micro-test-" + amqpPort + "@localhost";
    }

    /**
     * Serves AMQP only over TLS (on the same port), with the server certificate of
     * {@code certificates} (no client certificates); call before the node starts.
     */
    public RabbitMqServer withTls(TestCertificates certificates) {
        this.tls = certificates;
        return this;
    }

    /** {@code 127.0.0.1:<amqp port>}. */
    public String address() {
        return "127.0.0.1:" + amqpPort;
    }

    /** {@code amqp://guest:guest@127.0.0.1:<amqp port>} ({@code amqps://} with TLS): go-micro's rabbitmq broker address form. */
    public String amqpUri() {
        return (tls == null ? "amqp://" : "amqps://") + "guest:guest@" + address();
    }

    /** The AMQP port. */
    public int port() {
        return amqpPort;
    }

    /** The Erlang node name ({@code micro-test-<port>@localhost}). */
    public String nodeName() {
        return nodeName;
    }

    /**
     * Runs {@code rabbitmqctl} against this node (e.g. {@code ctl("list_queues")}) and returns its
     * stdout; fails when it exits non-zero. Takes a second or two (it starts an Erlang VM).
     */
    public String ctl(String... args) {
        ExternalProcess p =
                ExternalProcess.builder("rabbitmqctl", CTL_SCRIPT)
                        .directory(workDir())
                        .env(environment(workDir()))
                        .args("-n", nodeName)
                        .args(args)
                        .start();
        int code = p.waitFor(Duration.ofSeconds(60));
        if (code != 0) {
            throw new IllegalStateException(
                    "rabbitmqctl " + String.join(" ", args) + " exited " + code + ": " + p.lines());
        }
        return String.join("\n", p.stdout());
    }

    /** The environment that points the rabbitmq scripts at this node's files and ports. */
    private Map<String, String> environment(Path dir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", dir.toString()); // the Erlang cookie lives in $HOME/.erlang.cookie
        env.put("RABBITMQ_NODENAME", nodeName);
        env.put("RABBITMQ_USE_LONGNAME", "false");
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        env.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_PLUGINS_EXPAND_DIR", dir.resolve("plugins-expand").toString());
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_PID_FILE", dir.resolve("rabbitmq.pid").toString());
        env.put("RABBITMQ_LOGS", "-"); // log to stdout, i.e. into the process log
        env.put("ERL_CRASH_DUMP", dir.resolve("erl_crash.dump").toString());
        // the distribution listener on loopback only
        env.put(
                "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        return env;
    }

    @Override
    protected ExternalProcess launch(Path dir) {
        if (!Files.isExecutable(SERVER_SCRIPT)) {
            throw new IllegalStateException(
                    SERVER_SCRIPT + " was not found. Run " + TestTools.INSTALL_SCRIPT
                            + " (as root) to install rabbitmq-server.");
        }
        Path epmdBinary = TestTools.require("epmd");
        try {
            Files.createDirectories(dir.resolve("mnesia"));
            Files.createDirectories(dir.resolve("log"));
            Files.writeString(dir.resolve("rabbitmq-env.conf"), "# empty: all settings come from the environment\n");
            Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
            Files.writeString(
                    dir.resolve("rabbitmq.conf"),
                    String.join(
                            "\n",
                            listeners(),
                            "log.console = true",
                            "log.console.level = info",
                            "log.file = false",
                            ""),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        // our own epmd, in the foreground, so it ends with the test and no daemon is left behind
        epmd =
                ExternalProcess.builder("epmd", epmdBinary)
                        .env("ERL_EPMD_ADDRESS", "127.0.0.1")
                        .args("-port", Integer.toString(epmdPort))
                        .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        poll(epmd, deadline, "epmd port " + epmdPort, () -> canConnect(epmdPort));

        return ExternalProcess.builder("rabbitmq", SERVER_SCRIPT)
                .directory(dir)
                .env(environment(dir))
                .stopTimeout(Duration.ofSeconds(30))
                .start();
    }

    /** The listener settings of {@code rabbitmq.conf}: plain AMQP, or only AMQP over TLS. */
    private String listeners() {
        if (tls == null) {
            return "listeners.tcp.1 = 127.0.0.1:" + amqpPort;
        }
        return String.join("\n",
                "listeners.tcp = none",
                "listeners.ssl.1 = 127.0.0.1:" + amqpPort,
                "ssl_options.cacertfile = " + tls.ca(),
                "ssl_options.certfile = " + tls.server().certificate(),
                "ssl_options.keyfile = " + tls.server().privateKey(),
                "ssl_options.verify = verify_none",
                "ssl_options.fail_if_no_peer_cert = false");
    }

    @Override
    protected void awaitReady(ExternalProcess process, long deadlineNanos) {
        poll(process, deadlineNanos, "AMQP Connection.Start on " + address(), this::answersAmqp);
    }

    @Override
    protected void afterStop() {
        if (epmd != null) {
            epmd.stop();
            epmd = null;
        }
    }

    /**
     * Sends the AMQP 0-9-1 protocol header (over TLS with {@link #withTls}) and checks that the
     * answer is a {@code Connection.Start} method frame (frame type 1, channel 0, class 10, method 10).
     */
    public boolean answersAmqp() {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", amqpPort), 500);
            Socket s = tls == null ? plain : TestCertificates.sslContext(tls.ca(), null).getSocketFactory()
                    .createSocket(plain, "127.0.0.1", amqpPort, true);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int type = in.readUnsignedByte();
            int channel = in.readUnsignedShort();
            in.readInt(); // payload size
            int classId = in.readUnsignedShort();
            int methodId = in.readUnsignedShort();
            return type == 1 && channel == 0 && classId == 10 && methodId == 10;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    protected String describe() {
        return "node " + nodeName + ", " + amqpUri() + ", dist port " + distPort + ", epmd port " + epmdPort;
    }
}
