package io.microspring.toolkit.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One command of the query commands' grammar: its name and description, and either its positional
 * parameters and {@code --name=VALUE} options, or the subcommands it leads to ({@code list} leads
 * to {@code services}). {@link MicroCommandLine} parses lines with it ({@link CommandLines#action}
 * says what a parsed line asks for); {@link #usage} prints its help.
 *
 * @param name the word that names it
 * @param description one sentence, shown in help
 * @param parameters the positional parameters, required ones first
 * @param options the options besides {@code -h, --help}
 * @param subcommands the commands it leads to; none for a command that runs
 */
record CommandSpec(String name, String description, List<Parameter> parameters, List<Option> options,
        List<CommandSpec> subcommands) {

    private static final Option HELP = new Option("help", null, "this help", false);
    private static final String INDENT = "      ";
    private static final String HELP_INDENT = "  ";
    private static final int GAP = 3;

    /** A positional parameter. */
    record Parameter(String label, String description, boolean required) {
    }

    /**
     * An option {@code --name=LABEL}; a repeatable one takes {@code K=V} pairs.
     *
     * @param label what its value is, {@code null} for {@code --help}, which takes none
     */
    record Option(String name, String label, String description, boolean repeatable) {

        String term() {
            return label == null ? "-h, --help" : "--" + name + "=" + label;
        }
    }

    /** A command that runs, with no parameters or options yet. */
    static CommandSpec command(String name, String description) {
        return new CommandSpec(name, description, List.of(), List.of(), List.of());
    }

    /** A command that only leads to {@code subcommand}: {@code get} to {@code service}. */
    static CommandSpec group(String name, String description, CommandSpec subcommand) {
        return new CommandSpec(name, description, List.of(), List.of(), List.of(subcommand));
    }

    /** This command with one more required positional parameter. */
    CommandSpec parameter(String label, String description) {
        return withParameter(new Parameter(label, description, true));
    }

    /** This command with one more optional positional parameter, which must come last. */
    CommandSpec optionalParameter(String label, String description) {
        return withParameter(new Parameter(label, description, false));
    }

    /** This command with one more option, {@code --name=LABEL}. */
    CommandSpec option(String optionName, String label, String optionDescription) {
        return withOption(new Option(optionName, label, optionDescription, false));
    }

    /** This command with one more repeatable option, {@code --name=K=V}. */
    CommandSpec pairs(String optionName, String optionDescription) {
        return withOption(new Option(optionName, "K=V", optionDescription, true));
    }

    // loops rather than streams on the parsing path: each lambda is a class spun up when a CLI starts

    /** The option named {@code optionName} ({@code help} included), {@code null} when it has none. */
    Option option(String optionName) {
        if (optionName.equals(HELP.name())) {
            return HELP;
        }
        for (Option option : options) {
            if (option.name().equals(optionName)) {
                return option;
            }
        }
        return null;
    }

    /** The subcommand named {@code word}, {@code null} when it has none. */
    CommandSpec subcommand(String word) {
        for (CommandSpec command : subcommands) {
            if (command.name().equals(word)) {
                return command;
            }
        }
        return null;
    }

    /** The names of its subcommands. */
    List<String> subcommandNames() {
        List<String> names = new ArrayList<>(subcommands.size());
        for (CommandSpec command : subcommands) {
            names.add(command.name());
        }
        return List.copyOf(names);
    }

    /**
     * What follows {@code [-h]} on its usage line: options (repeatable ones last), then
     * parameters, {@code [COMMAND]} for a group; empty when it takes nothing.
     */
    String terms() {
        List<String> terms = new ArrayList<>();
        options.stream().filter(option -> !option.repeatable()).forEach(option -> terms.add("[" + option.term() + "]"));
        options.stream().filter(Option::repeatable).forEach(option -> terms.add("[" + option.term() + "]..."));
        parameters.forEach(parameter -> terms.add(label(parameter)));
        if (!subcommands.isEmpty()) {
            terms.add("[COMMAND]");
        }
        return String.join(" ", terms);
    }

    /**
     * Its help: the usage line of {@code path} (the words naming it, {@code micro get service}),
     * the description, each parameter and option, and the subcommands; every line ends in a newline.
     */
    String usage(String path) {
        String terms = terms();
        StringBuilder usage = new StringBuilder("Usage: ").append(path).append(" [-h]")
                .append(terms.isEmpty() ? "" : " " + terms).append('\n');
        if (description != null) {
            usage.append(description).append('\n');
        }
        List<Option> allOptions = new ArrayList<>(options);
        allOptions.add(HELP);
        allOptions.sort(Comparator.comparing(Option::name));
        int width = GAP + Math.max(
                parameters.stream().mapToInt(parameter -> INDENT.length() + label(parameter).length()).max().orElse(0),
                allOptions.stream().mapToInt(option -> indent(option).length() + option.term().length()).max()
                        .orElse(0));
        parameters.forEach(parameter -> row(usage, INDENT + label(parameter), parameter.description(), width));
        allOptions.forEach(option -> row(usage, indent(option) + option.term(), option.description(), width));
        if (!subcommands.isEmpty()) {
            usage.append("Commands:\n");
            int commandWidth = 2 + subcommands.stream().mapToInt(command -> HELP_INDENT.length()
                    + command.name().length()).max().orElse(0);
            subcommands.forEach(command -> row(usage, HELP_INDENT + command.name(), command.description(),
                    commandWidth));
        }
        return usage.toString();
    }

    private CommandSpec withParameter(Parameter parameter) {
        List<Parameter> more = new ArrayList<>(parameters);
        more.add(parameter);
        return new CommandSpec(name, description, List.copyOf(more), options, subcommands);
    }

    private CommandSpec withOption(Option option) {
        List<Option> more = new ArrayList<>(options);
        more.add(option);
        return new CommandSpec(name, description, parameters, List.copyOf(more), subcommands);
    }

    private static String label(Parameter parameter) {
        return parameter.required() ? parameter.label() : "[" + parameter.label() + "]";
    }

    private static String indent(Option option) {
        return option == HELP ? HELP_INDENT : INDENT;
    }

    private static void row(StringBuilder usage, String left, String right, int width) {
        if (right == null || right.isEmpty()) {
            usage.append(left).append('\n');
        } else {
            usage.append(left).append(" ".repeat(width - left.length())).append(right).append('\n');
        }
    }
}
