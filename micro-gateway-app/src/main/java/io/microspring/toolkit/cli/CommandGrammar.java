package io.microspring.toolkit.cli;

import java.util.List;

import io.microspring.toolkit.command.Command;

/**
 * The query commands' grammar for front ends that read a line of text, such as micro bot: a line
 * in, as the shell reads it ({@code call go.micro.srv.greeter Say.Hello {"name": "John"}}), the
 * engine's {@link Command} out, or the usage asked for with {@code --help}. Commands that run
 * until stopped ({@code stream}, {@code registry watch}, {@code cli}) are not offered.
 */
public final class CommandGrammar {

    private CommandGrammar() {
    }

    /** What a line asks for: a command to run, or usage text to show. */
    public sealed interface Line {
    }

    /** One of the engine's commands, with its arguments. */
    public record Run(Command command) implements Line {
    }

    /** The usage of a command, asked for with {@code --help}. */
    public record Usage(String text) implements Line {
    }

    /** Whether {@code word} is the first word of one of the query commands. */
    public static boolean starts(String word) {
        return MicroCommandLine.COMMANDS.contains(word);
    }

    /**
     * Reads {@code line}; a line that is not one of the engine's commands fails with an
     * {@link IllegalArgumentException} saying why, with the usage of the command it names.
     */
    public static Line parse(String line) {
        return parse(ShellWords.split(line));
    }

    /** As {@link #parse(String)}, for a line already split into words. */
    public static Line parse(List<String> words) {
        MicroCommandLine.Line line = MicroCommandLine.parse(words);
        if (line instanceof MicroCommandLine.HelpAsked help) {
            return new Usage(help.usage());
        }
        if (line instanceof MicroCommandLine.Invalid invalid) {
            throw new IllegalArgumentException(invalid.message() + "\n" + invalid.usage());
        }
        MicroCommandLine.Matched matched = (MicroCommandLine.Matched) line;
        if (matched.action() instanceof CommandRunner.Run run) {
            return new Run(run.command());
        }
        throw new IllegalArgumentException(matched.path() + " runs until it is stopped, so it is not offered here");
    }
}
