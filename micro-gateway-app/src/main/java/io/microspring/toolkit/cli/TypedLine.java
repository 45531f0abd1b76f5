package io.microspring.toolkit.cli;

import java.util.List;
import java.util.Map;

import io.microspring.errors.MicroException;
import io.microspring.toolkit.command.Command;
import io.microspring.toolkit.command.Output;

/**
 * One typed line of the query commands, for a front end that runs lines one at a time, offers some
 * of the commands only and shows results as text or JSON (the dashboard's terminal): the
 * {@link CommandGrammar} with {@code --output text|json} anywhere on the line, {@code help} listing
 * the offered commands, and failures as go-micro's 400.
 */
public final class TypedLine {

    private TypedLine() {
    }

    /** What a line asks for. */
    public sealed interface Parsed {
    }

    /**
     * An engine command to run.
     *
     * @param command the command with its arguments
     * @param output how its result is to be shown
     */
    public record Run(Command command, Output output) implements Parsed {
    }

    /**
     * Text to show instead of running anything: the list of commands or one's usage.
     *
     * @param text the text, lines ending in a newline
     */
    public record Help(String text) implements Parsed {
    }

    /**
     * Parses {@code line}, whose first word must be {@code help} or one of {@code commands}
     * ({@code list}, {@code call} ...); anything else fails with a 400 saying what to type.
     */
    public static Parsed parse(String line, List<String> commands) {
        List<String> words = ShellWords.split(line == null ? "" : line);
        if (words.isEmpty() || words.equals(List.of("help"))) {
            return new Help(help(commands));
        }
        if (!commands.contains(words.get(0))) {
            throw MicroException.badRequest(Command.ID, "%s is not a command here; type help for the commands: %s",
                    words.get(0), String.join(", ", commands));
        }
        GlobalFlags flags;
        try {
            flags = GlobalFlags.parse(words, Map.of());
        } catch (IllegalArgumentException e) {
            throw MicroException.badRequest(Command.ID, "%s", e.getMessage());
        }
        if (!flags.given().stream().allMatch(GlobalFlags.OUTPUT::equals)) {
            throw MicroException.badRequest(Command.ID, "only --output may be given here: the registry, broker and "
                    + "client are micro web's own");
        }
        Output output = flags.output();
        CommandGrammar.Line parsed;
        try {
            parsed = CommandGrammar.parse(flags.rest());
        } catch (IllegalArgumentException e) {
            // the grammar's first line says what is wrong; the usage after it is one --help away
            throw MicroException.badRequest(Command.ID, "%s; %s --help shows its usage",
                    e.getMessage().lines().findFirst().orElse(""), words.get(0));
        }
        if (parsed instanceof CommandGrammar.Usage usage) {
            return new Help(usage.text());
        }
        return new Run(((CommandGrammar.Run) parsed).command(), output);
    }

    /** Each of {@code commands} with its synopsis and description, from the grammar itself. */
    private static String help(List<String> commands) {
        StringBuilder help = new StringBuilder("commands:\n");
        for (String name : commands) {
            CommandSpec command = MicroCommandLine.command(name);
            StringBuilder synopsis = new StringBuilder(name);
            while (command.subcommands().size() == 1) {
                command = command.subcommands().get(0);
                synopsis.append(' ').append(command.name());
            }
            String terms = command.terms();
            help.append("  ").append(synopsis).append(terms.isEmpty() ? "" : " " + terms).append("\n      ")
                    .append(command.description()).append("\n");
        }
        return help.append("  help\n      This list; COMMAND --help shows a command's flags.\n"
                + "any line takes --output text|json\n").toString();
    }
}
