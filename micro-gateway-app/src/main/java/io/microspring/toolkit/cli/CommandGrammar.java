package io.microspring.toolkit.cli;

import java.util.List;

import io.microspring.toolkit.command.Command;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The query commands' grammar for front ends that read a line of text, such as micro bot: a line
 * in, as the shell reads it ({@code call go.micro.srv.greeter Say.Hello {"name": "John"}}), the
 * engine's {@link Command} out, or the usage asked for with {@code --help}. Commands that run
 * until stopped ({@code stream}, {@code registry watch}, {@code cli}) are not offered.
 */
public final class CommandGrammar {

    /** Usage text without terminal colours: it is shown in chats and web pages, not on a console. */
    private static final CommandLine.Help.Ansi PLAIN = CommandLine.Help.Ansi.OFF;

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
        return List.of(MicroCommandLine.COMMANDS).contains(word);
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
        CommandLine commandLine = MicroCommandLine.create(words);
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(words.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + "\n" + e.getCommandLine().getUsageMessage(PLAIN), e);
        }
        ParseResult leaf = MicroCommandLine.leaf(parsed);
        CommandLine leafLine = leaf.commandSpec().commandLine();
        if (leaf.isUsageHelpRequested() || parsed.isUsageHelpRequested()) {
            return new Usage(leafLine.getUsageMessage(PLAIN));
        }
        if (leaf.commandSpec().userObject() instanceof CommandLines.EngineCommand engine) {
            return new Run(engine.command());
        }
        if (!leafLine.getSubcommands().isEmpty()) {
            throw new IllegalArgumentException(leaf.commandSpec().name() + " needs one of: "
                    + String.join(", ", leafLine.getSubcommands().keySet()) + "\n" + leafLine.getUsageMessage(PLAIN));
        }
        throw new IllegalArgumentException(leaf.commandSpec().qualifiedName(" ").replaceFirst("^micro ", "")
                + " runs until it is stopped, so it is not offered here");
    }
}
