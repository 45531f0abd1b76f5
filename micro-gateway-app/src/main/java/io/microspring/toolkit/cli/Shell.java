package io.microspring.toolkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import io.microspring.toolkit.command.Output;
import io.microspring.toolkit.command.Toolkit;

/**
 * {@code micro cli}: the query commands in an interactive shell (JLine), with history in
 * {@code ~/.micro_history}, tab completion of commands, service names and endpoints, {@code help}
 * and {@code quit}. Registry, broker and client are those {@code micro cli} was started with and
 * stay connected between commands; {@code --output} may be given on any line.
 */
final class Shell {

    /** The first words the shell knows. */
    static final List<String> WORDS;

    static {
        List<String> words = new ArrayList<>(MicroCommandLine.COMMANDS);
        words.remove("cli");
        words.addAll(List.of("help", "quit", "exit"));
        WORDS = List.copyOf(words);
    }

    private static final String PROMPT = "micro> ";

    private final Toolkit toolkit;
    private final Output output;
    private final Path history;

    /** A shell printing as {@code output} unless a line says otherwise, keeping its history in {@code history}. */
    Shell(Toolkit toolkit, Output output, Path history) {
        this.toolkit = toolkit;
        this.output = output;
        this.history = history;
    }

    /** {@code .micro_history} in {@code $HOME} (the JVM's user.home when it is unset), as shells keep theirs. */
    static Path historyFile(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".micro_history");
    }

    /** Reads and runs lines until {@code quit} or end of input; the exit status, 0. */
    int run(InputStream in, PrintStream out) {
        try (Terminal terminal = terminal(in, out)) {
            PrintStream console = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
            CommandRunner runner = new CommandRunner(toolkit, console, console);
            LineReader reader = LineReaderBuilder.builder()
                    .appName("micro")
                    .terminal(terminal)
                    .completer(new ShellCompleter(toolkit))
                    .variable(LineReader.HISTORY_FILE, history)
                    .build();
            console.println("micro shell: type help for the commands, quit to leave");
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return CommandRunner.OK;
                }
                if (!execute(line.strip(), runner, reader, console)) {
                    return CommandRunner.OK;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    /** Runs one line; false when it asks to leave. */
    private boolean execute(String line, CommandRunner runner, LineReader reader, PrintStream console) {
        if (line.isEmpty()) {
            return true;
        }
        if (line.equals("quit") || line.equals("exit")) {
            return false;
        }
        if (line.equals("help")) {
            console.print(help());
            return true;
        }
        GlobalFlags flags;
        Output lineOutput;
        try {
            flags = GlobalFlags.parse(ShellWords.split(line), Map.of());
            lineOutput = flags.names(GlobalFlags.OUTPUT) ? flags.output() : output;
        } catch (RuntimeException e) {
            console.println("micro: " + e.getMessage());
            return true;
        }
        CommandRunner.Parsed parsed = runner.parse(flags.rest());
        if (parsed instanceof CommandRunner.Run run) {
            runner.run(run.command(), lineOutput);
        } else if (parsed instanceof CommandRunner.StreamMessages stream) {
            runner.stream(stream.stream(), lineOutput);
        } else if (parsed instanceof CommandRunner.WatchEvents watch) {
            runner.watch(watch.watch(), lineOutput, "; Enter stops", () -> reader.readLine(""));
        } else if (parsed instanceof CommandRunner.OpenShell) {
            console.println("micro: this is the shell already");
        }
        return true;
    }

    private static String help() {
        return """
                commands:
                  list services | services                  every registered service
                  get service NAME | describe service NAME  versions, nodes, endpoints
                  call SERVICE ENDPOINT [JSON]              a call; --address, --metadata k=v, --content_type, --timeout
                  stream SERVICE ENDPOINT [JSON]            every message of a stream until it ends (same flags)
                  publish TOPIC JSON                        a message through the broker
                  health SERVICE                            Debug.Health of every node
                  stats SERVICE                             Debug.Stats of every node
                  register service JSON                     registers a service (etcd, consul)
                  deregister service JSON                   deregisters it
                  registry watch [SERVICE]                  registry events until Enter
                  help | quit
                any line takes --output text|json|raw; tab completes commands, services and endpoints
                """;
    }

    private static Terminal terminal(InputStream in, PrintStream out) throws IOException {
        if (System.console() != null) {
            return TerminalBuilder.builder().system(true).build();
        }
        return TerminalBuilder.builder().system(false).streams(in, out).dumb(true).build();
    }
}
