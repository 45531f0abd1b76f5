package io.microspring.testing;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A program started by a test: its stdout and stderr lines are kept in memory and written to a
 * log file under {@code target/external-processes/}, a test can wait for a line matching a
 * pattern, and the process (with the processes it started) is always ended: by {@link #stop()}
 * (SIGTERM, then SIGKILL after a grace period), {@link #kill()} (SIGKILL), {@link #close()}, or
 * at the latest by a JVM shutdown hook.
 *
 * <pre>{@code
 * try (ExternalProcess p = ExternalProcess.builder("greeter", binary).args("--registry=memory").start()) {
 *   String address = p.awaitMatch(Pattern.compile("^READY (\\S+)"), Duration.ofSeconds(10)).group(1);
 *   ...
 * }
 * }</pre>
 */
public final class ExternalProcess implements AutoCloseable {

  /** Which output stream a line came from. */
  public enum Stream {
    STDOUT,
    STDERR
  }

  /** One line of output. */
  public record Line(Stream stream, String text) {
    @Override
    public String toString() {
      return (stream == Stream.STDOUT ? "[out] " : "[err] ") + text;
    }
  }

  private static final Set<ExternalProcess> RUNNING = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(ExternalProcess::kill), "external-process-reaper"));
  }

  private final String name;
  private final List<String> command;
  private final Process process;
  private final Path logFile;
  private final BufferedWriter log;
  private final Duration stopTimeout;
  private final List<Line> lines = new ArrayList<>();
  private final List<Thread> readers = new ArrayList<>();
  private int openStreams = 2;
  private volatile boolean suspended;

  private ExternalProcess(Builder b) throws IOException {
    this.name = b.name;
    this.command = List.copyOf(b.command);
    this.stopTimeout = b.stopTimeout;
    this.logFile =
        b.logFile != null
            ? b.logFile
            : TestTools.logDir()
                .resolve(
                    b.name
                        + "-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss"))
                        + "-"
                        + ProcessHandle.current().pid()
                        + "-"
                        + SEQUENCE.incrementAndGet()
                        + ".log");
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
    log.write("# " + String.join(" ", command) + "\n");
    if (!b.env.isEmpty()) {
      log.write("# env " + b.env + "\n");
    }
    log.flush();

    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(b.env);
    b.removedEnv.forEach(pb.environment()::remove);
    if (b.directory != null) {
      pb.directory(b.directory.toFile());
    }
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    try {
      this.process = pb.start();
    } catch (IOException e) {
      log.close();
      throw e;
    }
    process.getOutputStream().close(); // no stdin: programs that read it see EOF
    RUNNING.add(this);
    readers.add(reader(process.getInputStream(), Stream.STDOUT));
    readers.add(reader(process.getErrorStream(), Stream.STDERR));
  }

  /** Starts building a process; {@code name} names the log file and appears in messages. */
  public static Builder builder(String name, Path executable) {
    return new Builder(name, executable.toString());
  }

  /** Starts building a process whose executable is looked up by the operating system. */
  public static Builder builder(String name, String executable) {
    return new Builder(name, executable);
  }

  private Thread reader(InputStream in, Stream stream) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String text;
                while ((text = r.readLine()) != null) {
                  append(new Line(stream, text));
                }
              } catch (IOException e) {
                // stream closed by kill: nothing more to read
              } finally {
                synchronized (lines) {
                  openStreams--;
                  lines.notifyAll();
                }
              }
            },
            name + "-" + stream.name().toLowerCase());
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void append(Line line) {
    synchronized (lines) {
      lines.add(line);
      lines.notifyAll();
    }
    synchronized (log) {
      try {
        log.write(line.toString());
        log.write('\n');
        log.flush();
      } catch (IOException e) {
        // the log file is a convenience; losing it must not break the test
      }
    }
  }

  /** The name given to the builder. */
  public String name() {
    return name;
  }

  /** The operating system's process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, once the process has ended. */
  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** The file the output is written to. */
  public Path logFile() {
    return logFile;
  }

  /** All lines so far, in arrival order. */
  public List<Line> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** The stdout lines so far. */
  public List<String> stdout() {
    return lines().stream().filter(l -> l.stream() == Stream.STDOUT).map(Line::text).toList();
  }

  /** The stderr lines so far. */
  public List<String> stderr() {
    return lines().stream().filter(l -> l.stream() == Stream.STDERR).map(Line::text).toList();
  }

  /**
   * Waits until a line of stdout or stderr (including lines that arrived before this call)
   * matches {@code pattern} ({@link Matcher#find()}), and returns that match.
   *
   * @throws IllegalStateException when the timeout passes or the process ends first; the
   *     message has the last lines of output
   */
  public MatchResult awaitMatch(Pattern pattern, Duration timeout) {
    return await(pattern, timeout, null).match();
  }

  /** Like {@link #awaitMatch(Pattern, Duration)}, looking only at the given stream. */
  public MatchResult awaitMatch(Pattern pattern, Duration timeout, Stream only) {
    return await(pattern, timeout, only).match();
  }

  /** Like {@link #awaitMatch(Pattern, Duration)}, returning the whole matching line. */
  public String awaitLine(Pattern pattern, Duration timeout) {
    return await(pattern, timeout, null).line().text();
  }

  private record Found(Line line, MatchResult match) {}

  private Found await(Pattern pattern, Duration timeout, Stream only) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int next = 0;
    synchronized (lines) {
      while (true) {
        for (; next < lines.size(); next++) {
          Line line = lines.get(next);
          if (only == null || line.stream() == only) {
            Matcher m = pattern.matcher(line.text());
            if (m.find()) {
              return new Found(line, m.toMatchResult());
            }
          }
        }
        if (openStreams == 0) {
          throw failure(
              "ended (exit code " + exitText() + ") before printing a line matching /" + pattern + "/");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw failure("printed no line matching /" + pattern + "/ within " + timeout);
        }
        try {
          lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw failure("interrupted while waiting for /" + pattern + "/");
        }
      }
    }
  }

  /**
   * Waits for the process to end by itself and for its output to be read.
   *
   * @return the exit code
   * @throws IllegalStateException if it is still running after {@code timeout} (it is then
   *     killed)
   */
  public int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        throw failure("did not end within " + timeout + " and was killed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      throw failure("interrupted while waiting for it to end");
    }
    joinReaders();
    RUNNING.remove(this);
    return process.exitValue();
  }

  /** Sends SIGTERM and waits for the process to end, SIGKILL after the builder's stop timeout. */
  public void stop() {
    stop(stopTimeout);
  }

  /** Sends SIGTERM and waits up to {@code timeout} for the process to end, then SIGKILL. */
  public void stop(Duration timeout) {
    List<ProcessHandle> children = descendants();
    if (suspended && process.isAlive()) {
      resume(); // a stopped process would not act on SIGTERM
    }
    if (process.isAlive()) {
      // SIGTERM through the ProcessHandle: Process.destroy() would also close our ends of the
      // pipes at once, losing what the process prints while it shuts down
      process.toHandle().destroy();
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          note("did not stop within " + timeout + " of SIGTERM, sending SIGKILL");
          descendants().forEach(ProcessHandle::destroyForcibly);
          process.toHandle().destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    // children that outlived their parent (e.g. the VM a wrapper script started)
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroy();
        child.onExit().completeOnTimeout(child, timeout.toMillis(), TimeUnit.MILLISECONDS).join();
        child.destroyForcibly();
      }
    }
    joinReaders();
    RUNNING.remove(this);
  }

  /** Kills the process and the processes it started with SIGKILL, without a grace period. */
  public void kill() {
    List<ProcessHandle> children = descendants();
    process.toHandle().destroyForcibly(); // SIGKILL on Unix
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    joinReaders();
    RUNNING.remove(this);
  }

  /** Freezes the process (SIGSTOP): it keeps its sockets open but answers nothing. */
  public void suspend() {
    signal("STOP");
    suspended = true;
  }

  /** Resumes a {@link #suspend() suspended} process (SIGCONT). */
  public void resume() {
    signal("CONT");
    suspended = false;
  }

  private void signal(String signal) {
    try {
      Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw failure("could not send SIG" + signal);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private List<ProcessHandle> descendants() {
    try {
      return process.descendants().collect(Collectors.toList());
    } catch (UnsupportedOperationException | SecurityException e) {
      return List.of();
    }
  }

  private void joinReaders() {
    for (Thread t : readers) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (readers.stream().anyMatch(Thread::isAlive)) {
      // a surviving grandchild still holds the pipes open: stop reading
      try {
        process.getInputStream().close();
        process.getErrorStream().close();
      } catch (IOException ignored) {
        // best effort
      }
    }
    if (readers.stream().noneMatch(Thread::isAlive)) {
      synchronized (log) {
        try {
          log.close(); // appending to a closed writer later only fails quietly
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  private void note(String text) {
    append(new Line(Stream.STDERR, "[harness] " + name + " " + text));
  }

  private String exitText() {
    return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
  }

  /** The last {@code count} lines of output, one per line, for failure messages. */
  public String outputTail(int count) {
    List<Line> all = lines();
    return all.subList(Math.max(0, all.size() - count), all.size()).stream()
        .map(Line::toString)
        .collect(Collectors.joining("\n  "));
  }

  /**
   * An exception saying that this process {@code what}, with its command line, log file and last
   * lines of output.
   */
  public IllegalStateException failure(String what) {
    String tail = outputTail(40);
    return new IllegalStateException(
        name + " (" + String.join(" ", command) + ") " + what + "; log: " + logFile
            + (tail.isEmpty() ? "; no output" : "; last output:\n  " + tail));
  }

  @Override
  public String toString() {
    return name + "[pid " + process.pid() + (process.isAlive() ? ", running" : ", exited " + process.exitValue()) + "]";
  }

  /** Configures and starts an {@link ExternalProcess}. */
  public static final class Builder {
    private final String name;
    private final List<String> command = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> removedEnv = new ArrayList<>();
    private Path directory;
    private Path logFile;
    private Duration stopTimeout = Duration.ofSeconds(20);

    private Builder(String name, String executable) {
      this.name = name;
      command.add(executable);
    }

    /** Appends arguments. */
    public Builder args(String... args) {
      command.addAll(List.of(args));
      return this;
    }

    /** Appends arguments. */
    public Builder args(List<String> args) {
      command.addAll(args);
      return this;
    }

    /** Sets an environment variable (on top of this JVM's environment). */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /** Sets environment variables (on top of this JVM's environment). */
    public Builder env(Map<String, String> vars) {
      env.putAll(vars);
      return this;
    }

    /** Removes an inherited environment variable. */
    public Builder unsetEnv(String key) {
      removedEnv.add(key);
      return this;
    }

    /** The working directory. */
    public Builder directory(Path dir) {
      this.directory = dir;
      return this;
    }

    /** Where to write the output (default {@code target/external-processes/<name>-....log}). */
    public Builder logFile(Path file) {
      this.logFile = file;
      return this;
    }

    /** How long {@link ExternalProcess#stop()} waits after SIGTERM before SIGKILL. */
    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = timeout;
      return this;
    }

    /** Starts the process. */
    public ExternalProcess start() {
      try {
        return new ExternalProcess(this);
      } catch (IOException e) {
        throw new UncheckedIOException("starting " + name + ": " + String.join(" ", command), e);
      }
    }
  }
}
