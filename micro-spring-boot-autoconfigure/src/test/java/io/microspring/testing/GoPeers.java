package io.microspring.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs the Go interop peers built from {@code interop/} by {@code scripts/build-interop.sh} into
 * {@code <tools cache>/interop-bin/}: {@code greeter-srv}, {@code greeter-api},
 * {@code greeter-client}, {@code publisher} and {@code subscriber} (real go-micro v5 programs).
 *
 * <p>Registry and broker are chosen by flags or by go-micro's environment variables; see {@link
 * #registryEnv} and {@link #brokerEnv}. A missing binary fails the test with a message naming the
 * script to run.
 */
public final class GoPeers {

  private static final Pattern READY = Pattern.compile("^READY(?: (\\S+))?$");

  private GoPeers() {}

  /** {@code <tools cache>/interop-bin}. */
  public static Path binDir() {
    return TestTools.cacheDir().resolve("interop-bin");
  }

  /** The path of one peer binary; fails when it has not been built. */
  public static Path binary(String name) {
    Path p = binDir().resolve(name);
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(
          "Go peer '" + name + "' was not found at " + p + ". Run scripts/build-interop.sh (or "
              + TestTools.INSTALL_SCRIPT + ") to build the Go interop peers.");
    }
    return p;
  }

  /** Environment selecting a registry: {@code MICRO_REGISTRY} and {@code MICRO_REGISTRY_ADDRESS}. */
  public static Map<String, String> registryEnv(String registry, String address) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MICRO_REGISTRY", registry);
    if (address != null) {
      env.put("MICRO_REGISTRY_ADDRESS", address);
    }
    return env;
  }

  /** Environment selecting a broker: {@code MICRO_BROKER} and {@code MICRO_BROKER_ADDRESS}. */
  public static Map<String, String> brokerEnv(String broker, String address) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MICRO_BROKER", broker);
    if (address != null) {
      env.put("MICRO_BROKER_ADDRESS", address);
    }
    return env;
  }

  /**
   * Starts {@code greeter-srv} (service {@code go.micro.srv.greeter} unless {@code --name} is
   * given) and waits for its {@code READY <address>} line.
   */
  public static Peer startGreeter(Map<String, String> env, String... args) {
    return startPeer("greeter-srv", env, args);
  }

  /** Starts {@code subscriber} and waits for its {@code READY} line (it is then subscribed). */
  public static Peer startSubscriber(Map<String, String> env, String... args) {
    return startPeer("subscriber", env, args);
  }

  /** Starts a long-running peer and waits for its {@code READY} line. */
  public static Peer startPeer(String name, Map<String, String> env, String... args) {
    ExternalProcess p =
        ExternalProcess.builder(name, binary(name))
            .env(env)
            .unsetEnv("MICRO_PROXY")
            .args(args)
            .stopTimeout(Duration.ofSeconds(10))
            .start();
    try {
      String address =
          p.awaitMatch(READY, Duration.ofSeconds(30), ExternalProcess.Stream.STDOUT).group(1);
      return new Peer(p, address);
    } catch (RuntimeException e) {
      p.kill();
      throw e;
    }
  }

  /**
   * Runs {@code greeter-client} to completion, e.g. {@code runClient(Map.of(), "--address",
   * addr, "--request", "{\"name\":\"John\"}")}: exit code 0 and the JSON response on stdout, or
   * exit code 1 and go-micro's error JSON.
   */
  public static Result runClient(Map<String, String> env, String... args) {
    return run("greeter-client", env, Duration.ofSeconds(60), args);
  }

  /** Runs {@code publisher} to completion. */
  public static Result runPublisher(Map<String, String> env, String... args) {
    return run("publisher", env, Duration.ofSeconds(60), args);
  }

  /** Runs a peer to completion (killed after {@code timeout}). */
  public static Result run(String name, Map<String, String> env, Duration timeout, String... args) {
    ExternalProcess p =
        ExternalProcess.builder(name, binary(name)).env(env).unsetEnv("MICRO_PROXY").args(args).start();
    int code = p.waitFor(timeout);
    return new Result(code, p.stdout(), p.stderr());
  }

  /** The outcome of a peer that ran to completion. */
  public record Result(int exitCode, List<String> stdout, List<String> stderr) {

    /** Stdout joined with newlines. */
    public String output() {
      return String.join("\n", stdout);
    }

    /** The last stdout line (a JSON result or error), or {@code ""}. */
    public String lastLine() {
      return stdout.isEmpty() ? "" : stdout.get(stdout.size() - 1);
    }
  }

  /** A running peer; {@link #close()} stops it with SIGTERM (it deregisters itself). */
  public static final class Peer implements AutoCloseable {
    private final ExternalProcess process;
    private final String address;

    Peer(ExternalProcess process, String address) {
      this.process = process;
      this.address = address;
    }

    /** The process, e.g. for its output lines. */
    public ExternalProcess process() {
      return process;
    }

    /** The {@code host:port} from the {@code READY} line ({@code null} for the subscriber). */
    public String address() {
      return address;
    }

    /** The stdout lines after the {@code READY} line (e.g. messages a subscriber received). */
    public List<String> output() {
      List<String> out = new ArrayList<>(process.stdout());
      int ready = 0;
      while (ready < out.size() && !READY.matcher(out.get(ready)).matches()) {
        ready++;
      }
      return out.subList(Math.min(ready + 1, out.size()), out.size());
    }

    /** Stops the peer (SIGTERM, then SIGKILL after 10s). */
    @Override
    public void close() {
      process.stop();
    }
  }
}
