package io.microspring.toolkit.cli;

import java.io.PrintStream;
import java.util.List;

import io.microspring.errors.MicroException;
import io.microspring.registry.Watch;
import io.microspring.toolkit.command.Command;
import io.microspring.toolkit.command.Output;
import io.microspring.toolkit.command.Result;
import io.microspring.toolkit.command.StreamCall;
import io.microspring.toolkit.command.Toolkit;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import reactor.core.Exceptions;

/**
 * Runs one command line of the query commands: parses it, runs the engine's command against the
 * toolkit, prints the result on {@code out} and a go-micro error as JSON on {@code err}. Shared by
 * {@code micro COMMAND} and the shell.
 */
final class CommandRunner {

    /** Exit status of a command that did what was asked. */
    static final int OK = 0;
    /** Exit status of a command that ended in a go-micro error (printed on stderr). */
    static final int FAILED = 1;
    /** Exit status of a line that is not a command. */
    static final int USAGE = 2;

    private final Toolkit toolkit;
    private final PrintStream out;
    private final PrintStream err;

    CommandRunner(Toolkit toolkit, PrintStream out, PrintStream err) {
        this.toolkit = toolkit;
        this.out = out;
        this.err = err;
    }

    /** What a parsed line asks for: an engine command, a watch, the shell, or help already printed. */
    sealed interface Parsed {
    }

    /** An engine command to run. */
    record Run(Command command) implements Parsed {
    }

    /** {@code stream}: messages until the service ends the stream. */
    record StreamMessages(StreamCall stream) implements Parsed {
    }

    /** {@code registry watch}: events until stopped. */
    record WatchEvents(CommandLines.WatchLine line) implements Parsed {
    }

    /** {@code cli}: the shell. */
    record OpenShell() implements Parsed {
    }

    /** Nothing left to do: help or a usage error was printed; {@code status} is the exit status. */
    record Done(int status) implements Parsed {
    }

    /** Parses {@code words}; usage help and usage errors are printed here and come back as {@link Done}. */
    Parsed parse(List<String> words) {
        CommandLine line = MicroCommandLine.create(words);
        ParseResult parsed;
        try {
            parsed = line.parseArgs(words.toArray(String[]::new));
        } catch (ParameterException e) {
            err.println("micro: " + e.getMessage());
            e.getCommandLine().usage(err);
            return new Done(USAGE);
        }
        ParseResult leaf = MicroCommandLine.leaf(parsed);
        CommandLine leafLine = leaf.commandSpec().commandLine();
        if (leaf.isUsageHelpRequested() || parsed.isUsageHelpRequested()) {
            leafLine.usage(out);
            return new Done(OK);
        }
        Object command = leaf.commandSpec().userObject();
        if (command instanceof CommandLines.EngineCommand engine) {
            try {
                return new Run(engine.command());
            } catch (IllegalArgumentException | MicroException e) {
                return new Done(fail(e));
            }
        }
        if (command instanceof CommandLines.StreamLine stream) {
            try {
                return new StreamMessages(stream.stream());
            } catch (IllegalArgumentException | MicroException e) {
                return new Done(fail(e));
            }
        }
        if (command instanceof CommandLines.WatchLine watch) {
            return new WatchEvents(watch);
        }
        if (command instanceof CommandLines.ShellLine) {
            return new OpenShell();
        }
        err.println(leaf == parsed ? "micro: name a command" : "micro: " + leaf.commandSpec().name()
                + " needs one of: " + String.join(", ", leafLine.getSubcommands().keySet()));
        leafLine.usage(err);
        return new Done(USAGE);
    }

    /** Runs {@code command} and prints its result as {@code output}; the exit status. */
    int run(Command command, Output output) {
        Result result;
        try {
            result = command.run(toolkit);
        } catch (RuntimeException e) {
            return fail(e);
        }
        print(result, output);
        return result.failure().map(this::fail).orElse(OK);
    }

    /** Prints every message of {@code stream} as it comes, until the stream ends; the exit status. */
    int stream(StreamCall stream, Output output) {
        try {
            stream.run(toolkit, message -> print(message, output));
            return OK;
        } catch (RuntimeException e) {
            return fail(e);
        }
    }

    /**
     * Prints the events of {@code line} until {@code until} returns (the user stops it), after a
     * line on {@code err} saying that the watch is on.
     */
    int watch(CommandLines.WatchLine line, Output output, String stopHint, Runnable until) {
        try (Watch watch = line.watch().start(toolkit, event -> print(event, output))) {
            err.println("watching registry [" + toolkit.registry().name() + "]" + stopHint);
            err.flush();
            until.run();
            return OK;
        } catch (RuntimeException e) {
            return fail(e);
        }
    }

    private synchronized void print(Result result, Output output) {
        out.writeBytes(result.render(output));
        out.flush();
    }

    /** Prints {@code error} as go-micro's error JSON; the exit status. */
    int fail(Throwable error) {
        err.println(microException(Exceptions.unwrap(error)).toJson());
        err.flush();
        return FAILED;
    }

    private static MicroException microException(Throwable error) {
        if (error instanceof MicroException micro) {
            return micro;
        }
        if (error instanceof IllegalArgumentException) {
            return MicroException.badRequest(Command.ID, "%s", error.getMessage());
        }
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        return MicroException.internalServerError(Command.ID, "%s", message);
    }
}
