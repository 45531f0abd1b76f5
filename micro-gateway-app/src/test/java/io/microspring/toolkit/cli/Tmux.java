package io.microspring.toolkit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import io.microspring.testing.TestTools;

/**
 * A program running in a tmux pseudo-terminal on a tmux server of its own: keys are typed into it
 * and its screen is read back, as a person at a terminal would.
 */
final class Tmux implements AutoCloseable {

    private final Path tmux = TestTools.require("tmux");
    private final String socket = "micro-test-" + UUID.randomUUID().toString().substring(0, 8);

    /** Starts {@code command} (a shell command line) in a 200x50 terminal. */
    Tmux(String command) {
        tmux("new-session", "-d", "-s", "main", "-x", "200", "-y", "50", command);
    }

    /** Types {@code text} literally. */
    void type(String text) {
        tmux("send-keys", "-t", "main", "-l", text);
    }

    /** Presses keys by tmux name: {@code Enter}, {@code Tab}, {@code Up}. */
    void press(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "main"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** What the terminal shows now. */
    String screen() {
        return tmux("capture-pane", "-p", "-t", "main");
    }

    /** Waits until the screen satisfies {@code condition}; fails showing the screen after {@code timeout}. */
    String awaitScreen(Predicate<String> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = screen();
        while (!condition.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal did not show what was expected within " + timeout
                        + "; it shows:\n" + screen);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            screen = screen();
        }
        return screen;
    }

    /** The last non-empty line on the screen. */
    String lastLine() {
        List<String> lines = screen().lines().filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Override
    public void close() {
        tmux("kill-server");
    }

    private String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of(tmux.toString(), "-L", socket));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            if (code != 0 && !args[0].equals("kill-server")) {
                throw new IllegalStateException("tmux " + String.join(" ", args) + " failed (" + code + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
