package io.microspring.toolkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The {@code micro} command line of the query commands, as picocli parses it. */
@CommandLine.Command(name = "micro", subcommands = {CommandLines.ListLine.class, CommandLines.Services.class,
        CommandLines.GetLine.class, CommandLines.DescribeLine.class, CommandLines.CallLine.class,
        CommandLines.StreamLine.class,
        CommandLines.PublishLine.class, CommandLines.HealthLine.class, CommandLines.StatsLine.class,
        CommandLines.RegisterLine.class, CommandLines.DeregisterLine.class, CommandLines.RegistryLine.class,
        CommandLines.ShellLine.class})
final class MicroCommandLine {

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, scope = CommandLine.ScopeType.INHERIT,
            description = "this help")
    boolean help;

    /** The first words of every command, for help and completion. */
    static final String[] COMMANDS = {"list", "services", "get", "describe", "call", "stream", "publish", "health",
        "stats", "register", "deregister", "registry", "cli"};

    /** A fresh parser: picocli keeps the values of the last line parsed in its command objects. */
    static CommandLine create() {
        return new CommandLine(new MicroCommandLine())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUnmatchedOptionsArePositionalParams(false);
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
