package io.microspring.registry.mdns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.microspring.testing.TestTools;

/**
 * A process started by the mDNS integration tests, usually a second JVM: commands go to its stdin
 * one per line, its stdout lines can be awaited, its stderr goes to
 * {@code target/external-processes/<name>-<n>.log}. {@link #close()} asks it to {@code exit}, then
 * kills it.
 */
final class PeerProcess implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private PeerProcess(String name, List<String> command) {
        this.name = name;
        this.log = TestTools.logDir().resolve(name + "-" + SEQUENCE.incrementAndGet() + ".log");
        try {
            this.process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readStdout, "peer-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs {@code command}. */
    static PeerProcess start(String name, List<String> command) {
        return new PeerProcess(name, command);
    }

    /** The command line of a JVM running {@code main} on this test's classpath, quick to start. */
    static List<String> java(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                "-Dlogback.configurationFile=io/microspring/registry/mdns/peer-logback.xml",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Writes one line to the process's stdin. */
    void send(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + this, e);
        }
    }

    /** The next stdout line starting with {@code prefix}; fails after {@code timeout}. */
    String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no line starting with '" + prefix + "' from " + this + " within "
                            + timeout + "; stdout so far: " + stdout() + (process.isAlive() ? "" : " (it has ended)"));
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process and the processes it started at once (SIGKILL), as a crash would. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** Sends SIGTERM and waits for the end. */
    void stop() {
        process.destroy();
        if (!waitFor(Duration.ofSeconds(10))) {
            kill();
        }
    }

    boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int exitValue() {
        return process.exitValue();
    }

    synchronized List<String> stdout() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                send("exit");
            } catch (UncheckedIOException ignored) {
                // it is ending already
            }
            if (!waitFor(Duration.ofSeconds(5))) {
                kill();
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", stderr in " + log + ")";
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (this) {
                    seen.add(line);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
