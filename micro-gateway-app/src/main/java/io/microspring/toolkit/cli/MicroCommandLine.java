package io.microspring.toolkit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code micro} command line of the query commands: reads a line's words (the global flags
 * already taken out, see {@link GlobalFlags}) against the {@link CommandLines grammar}, as
 * picocli read them before and with its messages, a hand-written parser because picocli's classes
 * (Java 5 class files, which the CDS archive and AOT cache cannot link) were a quarter of a
 * {@code micro call}'s start. Options are {@code --name=VALUE} or {@code --name VALUE};
 * {@code -h} or {@code --help} anywhere asks for the help of the command named so far.
 */
final class MicroCommandLine {

    private static final String HELP = "--help";
    private static final String SHORT_HELP = "-h";
    private static final String MICRO = "micro";
    private static final CommandSpec ROOT = new CommandSpec(MICRO, null, List.of(), List.of(),
            CommandLines.COMMANDS);

    /** The first words of every command, for help and completion. */
    static final List<String> COMMANDS = ROOT.subcommandNames();

    private MicroCommandLine() {
    }

    /** What a line asks for, or why it cannot be read. */
    sealed interface Line {
    }

    /**
     * A command that runs, with its arguments.
     *
     * @param path the words naming it, {@code registry watch}
     */
    record Matched(String path, CommandSpec command, Arguments arguments) implements Line {

        /** What the line asks for; fails with an {@link IllegalArgumentException} naming a wrong value. */
        CommandRunner.Parsed action() {
            return CommandLines.action(path, arguments);
        }
    }

    /** {@code --help}: the usage of the command named so far. */
    record HelpAsked(String usage) implements Line {
    }

    /** A line that is not a command: what is wrong, and the usage of the command named so far. */
    record Invalid(String message, String usage) implements Line {
    }

    /** The command whose first word is {@code word}, {@code null} when none is. */
    static CommandSpec command(String word) {
        return ROOT.subcommand(word);
    }

    /** Reads {@code words}. */
    static Line parse(List<String> words) {
        boolean help = words.contains(HELP) || words.contains(SHORT_HELP);
        CommandSpec command = ROOT;
        StringBuilder path = new StringBuilder(MICRO);
        int index = 0;
        while (!command.subcommands().isEmpty() && index < words.size()) {
            String word = words.get(index);
            CommandSpec next = command.subcommand(word);
            if (next != null) {
                command = next;
                path.append(' ').append(word);
            } else if (!isHelp(word) && !help) {
                return new Invalid(word.startsWith("-") ? "Unknown option: '" + word + "'"
                        : "Unmatched argument at index " + index + ": '" + word + "'", command.usage(path.toString()));
            }
            index++;
        }
        if (help) {
            return new HelpAsked(command.usage(path.toString()));
        }
        if (!command.subcommands().isEmpty()) {
            return new Invalid(command == ROOT ? "name a command" : command.name() + " needs one of: "
                    + String.join(", ", command.subcommandNames()), command.usage(path.toString()));
        }
        return arguments(command, path.toString(), words, index);
    }

    /** The parameters and options of {@code command} from {@code words}, starting at {@code index}. */
    private static Line arguments(CommandSpec command, String path, List<String> words, int index) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Map<String, String>> pairs = new LinkedHashMap<>();
        for (int i = index; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("-") || word.length() == 1) {
                if (positional.size() == command.parameters().size()) {
                    return new Invalid("Unmatched argument at index " + i + ": '" + word + "'", command.usage(path));
                }
                positional.add(word);
                continue;
            }
            int equals = word.indexOf('=');
            String name = word.substring(2, equals < 0 ? word.length() : equals);
            CommandSpec.Option option = word.startsWith("--") ? command.option(name) : null;
            if (option == null) {
                return new Invalid("Unknown option: '" + word + "'", command.usage(path));
            }
            String value = equals < 0 ? null : word.substring(equals + 1);
            if (value == null) {
                if (i + 1 == words.size()) {
                    return new Invalid("Missing required parameter for option '--" + name + "' (" + option.label()
                            + ")", command.usage(path));
                }
                value = words.get(++i);
            }
            if (option.repeatable()) {
                int separator = value.indexOf('=');
                if (separator < 0) {
                    return new Invalid("Value for option '--" + name + "' (" + option.label()
                            + ") should be in KEY=VALUE format but was " + value, command.usage(path));
                }
                pairs.putIfAbsent(name, new LinkedHashMap<>());
                pairs.get(name).put(value.substring(0, separator), value.substring(separator + 1));
            } else {
                options.put(name, value);
            }
        }
        List<String> missing = new ArrayList<>();
        for (CommandSpec.Parameter parameter : command.parameters().subList(positional.size(),
                command.parameters().size())) {
            if (parameter.required()) {
                missing.add("'" + parameter.label() + "'");
            }
        }
        if (!missing.isEmpty()) {
            return new Invalid("Missing required parameter" + (missing.size() > 1 ? "s" : "") + ": "
                    + String.join(", ", missing), command.usage(path));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < positional.size(); i++) {
            parameters.put(command.parameters().get(i).label(), positional.get(i));
        }
        return new Matched(path.substring(MICRO.length() + 1), command, new Arguments(parameters, options, pairs));
    }

    private static boolean isHelp(String word) {
        return word.equals(HELP) || word.equals(SHORT_HELP);
    }
}
