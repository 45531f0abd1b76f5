package io.microspring.toolkit.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The {@code micro} command line of the query commands, as picocli parses it. picocli reads a
 * command's annotations when the command line is made, so a line gets only the command its first
 * word names (all of them for help or a word that names none): a CLI process starts faster.
 */
@CommandLine.Command(name = "micro")
final class MicroCommandLine {

    /** The commands by first word, in the order help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    /** The first words of every command, for help and completion. */
    static final String[] COMMANDS = SUBCOMMANDS.keySet().toArray(String[]::new);

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, scope = CommandLine.ScopeType.INHERIT,
            description = "this help")
    boolean help;

    /** A fresh parser with every command, for help and front ends that list them. */
    static CommandLine create() {
        return create(List.of());
    }

    /**
     * A fresh parser for {@code words}: picocli keeps the values of the last line parsed in its
     * command objects.
     */
    static CommandLine create(List<String> words) {
        CommandLine line = new CommandLine(new MicroCommandLine())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUnmatchedOptionsArePositionalParams(false);
        Supplier<Object> named = words.isEmpty() ? null : SUBCOMMANDS.get(words.get(0));
        if (named != null) {
            line.addSubcommand(named.get());
        } else {
            SUBCOMMANDS.values().forEach(command -> line.addSubcommand(command.get()));
        }
        return line;
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("list", CommandLines.ListLine::new);
        commands.put("services", CommandLines.Services::new);
        commands.put("get", CommandLines.GetLine::new);
        commands.put("describe", CommandLines.DescribeLine::new);
        commands.put("call", CommandLines.CallLine::new);
        commands.put("stream", CommandLines.StreamLine::new);
        commands.put("publish", CommandLines.PublishLine::new);
        commands.put("health", CommandLines.HealthLine::new);
        commands.put("stats", CommandLines.StatsLine::new);
        commands.put("register", CommandLines.RegisterLine::new);
        commands.put("deregister", CommandLines.DeregisterLine::new);
        commands.put("registry", CommandLines.RegistryLine::new);
        commands.put("cli", CommandLines.ShellLine::new);
        return Collections.unmodifiableMap(commands);
    }

    /** The innermost command of a parsed line: {@code service} of {@code get service NAME}. */
    static ParseResult leaf(ParseResult parsed) {
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf;
    }
}
