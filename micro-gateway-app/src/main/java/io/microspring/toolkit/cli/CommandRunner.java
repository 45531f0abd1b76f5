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
import io.microspring.toolkit.command.WatchRegistry;
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
    record WatchEvents(WatchRegistry watch) implements Parsed {
    }

    /** {@code cli}: the shell. */
    record OpenShell() implements Parsed {
    }

    /** Nothing left to do: help or a usage error was printed; {@code status} is the exit status. */
    record Done(int status) implements Parsed {
    }

    /** Parses {@code words}; usage help and usage errors are printed here and come back as {@link Done}. */
    Parsed parse(List<String> words) {
        MicroCommandLine.Line line = MicroCommandLine.parse(words);
        if (line instanceof MicroCommandLine.HelpAsked help) {
            out.print(help.usage());
            return new Done(OK);
        }
        if (line instanceof MicroCommandLine.Invalid invalid) {
            err.println("micro: " + invalid.message());
            err.print(invalid.usage());
            return new Done(USAGE);
        }
        try {
            return ((MicroCommandLine.Matched) line).action();
        } catch (IllegalArgumentException | MicroException e) {
            return new Done(fail(e));
        }
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
     * Prints the events of {@code events} until {@code until} returns (the user stops it), after a
     * line on {@code err} saying that the watch is on.
     */
    int watch(WatchRegistry events, Output output, String stopHint, Runnable until) {
        try (Watch watch = events.start(toolkit, event -> print(event, output))) {
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
