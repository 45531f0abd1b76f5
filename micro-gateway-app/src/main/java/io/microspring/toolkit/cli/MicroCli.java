package io.microspring.toolkit.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.slf4j.helpers.NOP_FallbackServiceProvider;

import io.microspring.toolkit.command.Output;
import io.microspring.toolkit.command.Toolkit;
import io.microspring.toolkit.proxy.SidecarToolkit;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;

/**
 * {@code micro COMMAND ...} for the query commands ({@code list services}, {@code call},
 * {@code health} ...) and {@code micro cli}, the shell: a plain {@code main}, no Spring context.
 * Exit status 0 on success, 1 on a go-micro error (its JSON on stderr), 2 for a line that is not
 * a command.
 */
public final class MicroCli {

    private static final String SLF4J_PROVIDER = "slf4j.provider";
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    private MicroCli() {
    }

    /** Whether {@code args} name one of the query commands or the shell (rather than {@code api}). */
    public static boolean handles(List<String> args) {
        try {
            List<String> rest = GlobalFlags.parse(args, Map.of()).rest();
            String first = rest.stream().filter(arg -> !arg.startsWith("-")).findFirst().orElse("");
            return MicroCommandLine.COMMANDS.contains(first);
        } catch (IllegalArgumentException e) {
            return true; // a global flag without its value: reported by run
        }
    }

    /**
     * Runs {@code args} with go-micro's settings from {@code env}; the exit status. Query commands
     * print results and errors, not logs (see {@link #silenceLogging}).
     */
    public static int run(List<String> args, Map<String, String> env, InputStream in, PrintStream out,
            PrintStream err) {
        silenceLogging();
        GlobalFlags flags;
        Output output;
        try {
            flags = GlobalFlags.parse(args, env);
            output = flags.output();
        } catch (RuntimeException e) {
            err.println("micro: " + e.getMessage());
            return CommandRunner.USAGE;
        }
        try {
            if (flags.proxyAddress() != null) {
                return run(new SidecarToolkit(flags.proxyAddress(), flags.callDefaults()), flags, output, env, in,
                        out, err);
            }
            try (StandaloneToolkit toolkit = new StandaloneToolkit(flags.settings(env))) {
                return run(toolkit, flags, output, env, in, out, err);
            }
        } catch (IllegalArgumentException e) {
            err.println("micro: " + e.getMessage());
            return CommandRunner.USAGE;
        }
    }

    private static int run(Toolkit toolkit, GlobalFlags flags, Output output, Map<String, String> env,
            InputStream in, PrintStream out, PrintStream err) {
        CommandRunner runner = new CommandRunner(toolkit, out, err);
        CommandRunner.Parsed parsed = runner.parse(flags.rest());
        if (parsed instanceof CommandRunner.Run run) {
            return runner.run(run.command(), output);
        }
        if (parsed instanceof CommandRunner.StreamMessages stream) {
            return runner.stream(stream.stream(), output);
        }
        if (parsed instanceof CommandRunner.WatchEvents watch) {
            return runner.watch(watch.watch(), output, "; Ctrl-C stops", MicroCli::untilInterrupted);
        }
        if (parsed instanceof CommandRunner.OpenShell) {
            return new Shell(toolkit, output, Shell.historyFile(env)).run(in, out);
        }
        return ((CommandRunner.Done) parsed).status();
    }

    /**
     * SLF4J gets its no-op provider (unless {@code -Dslf4j.provider} names another) and says nothing
     * about it; java.util.logging (the etcd client's gRPC) is turned off, and Netty logs to it
     * rather than probing SLF4J and Log4j on every start.
     */
    private static void silenceLogging() {
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, NOP_FallbackServiceProvider.class.getName());
            System.setProperty(SLF4J_VERBOSITY, "ERROR");
        }
        Logger.getLogger("").setLevel(Level.OFF);
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    }

    /** Blocks until the process is stopped (Ctrl-C). */
    private static void untilInterrupted() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
