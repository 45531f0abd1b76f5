package io.microspring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Base of the JUnit 5 extensions that run a real server on free loopback ports in a temp
 * directory: register one with {@code @RegisterExtension static EtcdServer etcd = new
 * EtcdServer();} and it starts before the first test of the class and is stopped (and its temp
 * directory deleted) after the last. Nested test classes share the running server.
 *
 * <p>Ports are chosen when the object is created, so {@link #stop()} followed by {@link #start()}
 * brings the server back on the same ports (and, where the server keeps state on disk, with the
 * same data) for outage tests. Without JUnit the same object works with {@link #start()} and
 * {@link #close()}.
 */
public abstract class ExternalServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private final String name;
    private Path workDir;
    private ExternalProcess process;
    private int users;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private Duration lastStartupTime = Duration.ZERO;

    protected ExternalServer(String name) {
        this.name = name;
    }

    /** Starts the server and waits until it answers; does nothing when it is running. */
    public final synchronized void start() {
        if (isRunning()) {
            return;
        }
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("micro-" + name + "-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long start = System.nanoTime();
        ExternalProcess p = null;
        try {
            p = launch(workDir);
            awaitReady(p, start + startupTimeout.toNanos());
        } catch (RuntimeException | Error e) {
            if (p != null) {
                p.kill();
            }
            afterStop();
            throw e;
        }
        process = p;
        lastStartupTime = Duration.ofNanos(System.nanoTime() - start);
        System.err.printf("[harness] %s started in %d ms (%s)%n", name, lastStartupTime.toMillis(), describe());
    }

    /** Stops the server gracefully (SIGTERM); its ports and data directory are kept for a restart. */
    public final synchronized void stop() {
        if (process != null) {
            beforeStop(process);
            process.stop();
            process = null;
        }
        afterStop();
    }

    /** Kills the server (SIGKILL), as in a crash; a later {@link #start()} reuses ports and data. */
    public final synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
        afterStop();
    }

    /** Stops the server and deletes its temp directory. */
    @Override
    public final synchronized void close() {
        stop();
        TestTools.deleteRecursively(workDir);
        workDir = null;
    }

    /** Whether the server process is running. */
    public final synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The running server process (for its output), or {@code null} when stopped. */
    public final synchronized ExternalProcess process() {
        return process;
    }

    /** The temp directory of this server (created by the first {@link #start()}). */
    public final synchronized Path workDir() {
        return workDir;
    }

    /** How long the last {@link #start()} took until the server answered. */
    public final synchronized Duration lastStartupTime() {
        return lastStartupTime;
    }

    /** Changes how long {@link #start()} waits for the server to answer (default 60s). */
    @SuppressWarnings("unchecked")
    public final <T extends ExternalServer> T withStartupTimeout(Duration timeout) {
        this.startupTimeout = timeout;
        return (T) this;
    }

    @Override
    public final synchronized void beforeAll(ExtensionContext context) {
        if (users++ == 0) {
            start();
        }
    }

    @Override
    public final synchronized void afterAll(ExtensionContext context) {
        if (--users == 0) {
            close();
        }
    }

    /** The name used in logs and messages. */
    public final String name() {
        return name;
    }

    /** Starts the server process in {@code workDir}. */
    protected abstract ExternalProcess launch(Path workDir);

    /**
     * Waits until the server answers; throws if it does not before {@code deadlineNanos} (a
     * {@link System#nanoTime()} value) or if the process ends.
     */
    protected abstract void awaitReady(ExternalProcess process, long deadlineNanos);

    /** Called before the server process is sent SIGTERM. */
    protected void beforeStop(ExternalProcess process) {}

    /** Called after the server process ended (stop, kill or failed start): end helper processes. */
    protected void afterStop() {}

    /** One line describing where the server listens, for the startup log. */
    protected abstract String describe();

    // ---- helpers for subclasses ----

    /**
     * Polls {@code condition} every 50 ms until it is true; fails when the deadline passes or the
     * process ends.
     */
    protected static void poll(
            ExternalProcess process, long deadlineNanos, String what, BooleanSupplier condition) {
        while (true) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                int code = process.waitFor(Duration.ofSeconds(5)); // also reads the rest of its output
                throw process.failure("exited with code " + code + " before it was ready (" + what + ")");
            }
            if (System.nanoTime() > deadlineNanos) {
                throw process.failure("was not ready (" + what + ") in time");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + process.name(), e);
            }
        }
    }

    /** GET {@code url}; the body when the status is 200, else {@code null} (also on I/O errors). */
    public static String httpGet(String url) {
        return http("GET", url, null, null);
    }

    /** GET {@code url}, an {@code https} one with {@code tls}; the body when the status is 200, else {@code null}. */
    public static String httpGet(String url, SSLContext tls) {
        return http("GET", url, null, tls);
    }

    /** POST {@code body} (JSON) to {@code url}; the answer when the status is 200, else {@code null}. */
    public static String httpPost(String url, String body) {
        return http("POST", url, body, null);
    }

    private static String http(String method, String url, String body, SSLContext tls) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            if (tls != null && c instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(tls.getSocketFactory());
            }
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            c.setRequestMethod(method);
            try {
                if (body != null) {
                    c.setDoOutput(true);
                    c.setRequestProperty("Content-Type", "application/json");
                    c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
                }
                if (c.getResponseCode() != 200) {
                    return null;
                }
                return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether a TCP connection to 127.0.0.1:{@code port} is accepted. */
    public static boolean canConnect(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
