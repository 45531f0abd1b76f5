package io.microspring.toolkit.cli;

import java.time.Duration;
import java.util.List;

import io.microspring.toolkit.command.Call;
import io.microspring.toolkit.command.CallSettings;
import io.microspring.toolkit.command.DeregisterService;
import io.microspring.toolkit.command.GetService;
import io.microspring.toolkit.command.Health;
import io.microspring.toolkit.command.ListServices;
import io.microspring.toolkit.command.Publish;
import io.microspring.toolkit.command.RegisterService;
import io.microspring.toolkit.command.Stats;
import io.microspring.toolkit.command.StreamCall;
import io.microspring.toolkit.command.WatchRegistry;

/**
 * The query commands' grammar, as go-micro's CLI spells them, in the order help lists them, and
 * what a line naming each asks for ({@link #action}). {@link MicroCommandLine} parses lines with it.
 */
final class CommandLines {

    private static final String SERVICE = "SERVICE";
    private static final String ENDPOINT = "ENDPOINT";
    private static final String JSON = "JSON";
    private static final String NAME = "NAME";
    private static final String TOPIC = "TOPIC";
    private static final String ADDRESS = "address";
    private static final String METADATA = "metadata";
    private static final String CONTENT_TYPE = "content_type";
    private static final String TIMEOUT = "timeout";
    private static final String TTL = "ttl";

    private static final CommandSpec SERVICES = CommandSpec.command("services", "Every registered service.");

    private static final CommandSpec SERVICE_LINE = CommandSpec.command("service",
            "Versions, nodes and endpoints (request and response fields) of a service.")
            .parameter(NAME, "the service");

    /** Every command by its first word. */
    static final List<CommandSpec> COMMANDS = List.of(
            CommandSpec.group("list", "list services: every registered service.", SERVICES),
            SERVICES,
            CommandSpec.group("get", "get service NAME: a service's versions, nodes and endpoints.", SERVICE_LINE),
            CommandSpec.group("describe", "describe service NAME: as get service.", SERVICE_LINE),
            callTerms(CommandSpec.command("call", "Calls an endpoint with a JSON request."),
                    "the endpoint, Say.Hello", "call this node", "how long the call may take, 5s", "call"),
            callTerms(CommandSpec.command("stream",
                    "Opens a stream with a JSON request and prints every message until it ends."),
                    "a streaming endpoint, Say.Stream", "stream from this node",
                    "how long the whole stream may take (default: no limit)", "stream"),
            CommandSpec.command("publish", "Publishes a JSON message through the broker.")
                    .parameter(TOPIC, null)
                    .parameter(JSON, null),
            CommandSpec.command("health", "Debug.Health of every node of a service.")
                    .parameter(SERVICE, null)
                    .option(TIMEOUT, "DURATION", "how long each node may take"),
            CommandSpec.command("stats", "Debug.Stats of every node of a service.")
                    .parameter(SERVICE, null)
                    .option(TIMEOUT, "DURATION", "how long each node may take"),
            CommandSpec.group("register", "register service JSON.",
                    CommandSpec.command("service", "Registers a service given as go-micro's registry JSON.")
                            .parameter(JSON, null)
                            .option(TTL, "DURATION", "expire the nodes after this long (default never)")),
            CommandSpec.group("deregister", "deregister service JSON.",
                    CommandSpec.command("service", "Deregisters a service given as go-micro's registry JSON.")
                            .parameter(JSON, null)),
            CommandSpec.group("registry", "registry watch: registry events as they come.",
                    CommandSpec.command("watch", "Prints registry events as they come, until interrupted.")
                            .optionalParameter(SERVICE, "only this service's events")),
            CommandSpec.command("cli", "An interactive shell with these commands."));

    private CommandLines() {
    }

    /**
     * What a line naming the command at {@code path} ({@code get service}) asks for, with its
     * {@code arguments}; fails with an {@link IllegalArgumentException} naming a wrong value. One
     * switch rather than a lambda per command: each lambda is a class spun up when a CLI starts.
     */
    static CommandRunner.Parsed action(String path, Arguments arguments) {
        return switch (path) {
            case "list services", "services" -> new CommandRunner.Run(new ListServices());
            case "get service", "describe service" -> new CommandRunner.Run(new GetService(arguments.parameter(NAME)));
            case "call" -> new CommandRunner.Run(new Call(arguments.parameter(SERVICE), arguments.parameter(ENDPOINT),
                    arguments.parameter(JSON), callSettings(arguments)));
            case "stream" -> new CommandRunner.StreamMessages(new StreamCall(arguments.parameter(SERVICE),
                    arguments.parameter(ENDPOINT), arguments.parameter(JSON), callSettings(arguments)));
            case "publish" -> new CommandRunner.Run(new Publish(arguments.parameter(TOPIC), arguments.parameter(JSON)));
            case "health" -> new CommandRunner.Run(new Health(arguments.parameter(SERVICE),
                    duration(arguments, TIMEOUT)));
            case "stats" -> new CommandRunner.Run(new Stats(arguments.parameter(SERVICE),
                    duration(arguments, TIMEOUT)));
            case "register service" -> new CommandRunner.Run(new RegisterService(arguments.parameter(JSON),
                    duration(arguments, TTL)));
            case "deregister service" -> new CommandRunner.Run(new DeregisterService(arguments.parameter(JSON)));
            case "registry watch" -> new CommandRunner.WatchEvents(new WatchRegistry(arguments.parameter(SERVICE)));
            case "cli" -> new CommandRunner.OpenShell();
            default -> throw new IllegalStateException("the grammar has no command " + path);
        };
    }

    /** {@code SERVICE ENDPOINT [JSON]} and the flags of a call, as {@code call} and {@code stream} take them. */
    private static CommandSpec callTerms(CommandSpec command, String endpoint, String address, String timeout,
            String what) {
        return command.parameter(SERVICE, "the service, go.micro.srv.greeter")
                .parameter(ENDPOINT, endpoint)
                .optionalParameter(JSON, "the request (default {})")
                .option(ADDRESS, "HOST:PORT", address + ", skipping the registry")
                .option(CONTENT_TYPE, "TYPE", "application/json (default) or application/json-rpc")
                .option(TIMEOUT, "DURATION", timeout)
                .pairs(METADATA, "metadata sent with the " + what + " (repeatable)");
    }

    private static CallSettings callSettings(Arguments arguments) {
        return new CallSettings(arguments.option(ADDRESS), arguments.pairs(METADATA), arguments.option(CONTENT_TYPE),
                duration(arguments, TIMEOUT));
    }

    private static Duration duration(Arguments arguments, String flag) {
        String value = arguments.option(flag);
        return value == null ? null : GlobalFlags.duration(value, flag);
    }
}
