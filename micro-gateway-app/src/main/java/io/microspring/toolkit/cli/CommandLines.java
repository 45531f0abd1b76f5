package io.microspring.toolkit.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.microspring.toolkit.command.Call;
import io.microspring.toolkit.command.CallSettings;
import io.microspring.toolkit.command.Command;
import io.microspring.toolkit.command.DeregisterService;
import io.microspring.toolkit.command.GetService;
import io.microspring.toolkit.command.Health;
import io.microspring.toolkit.command.ListServices;
import io.microspring.toolkit.command.Publish;
import io.microspring.toolkit.command.RegisterService;
import io.microspring.toolkit.command.Stats;
import io.microspring.toolkit.command.StreamCall;
import io.microspring.toolkit.command.WatchRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The query commands' grammar for picocli, as go-micro's CLI spells them; each parsed line gives
 * the engine's {@link Command}. {@link MicroCommandLine} assembles them.
 */
final class CommandLines {

    private CommandLines() {
    }

    /** A parsed line that is one of the engine's commands. */
    interface EngineCommand {

        /** The engine's command with the parsed arguments. */
        Command command();
    }

    @CommandLine.Command(name = "services", description = "Every registered service.")
    static final class Services implements EngineCommand {
        @Override
        public Command command() {
            return new ListServices();
        }
    }

    @CommandLine.Command(name = "list", description = "list services: every registered service.",
            subcommands = Services.class)
    static final class ListLine {
    }

    @CommandLine.Command(name = "service",
            description = "Versions, nodes and endpoints (request and response fields) of a service.")
    static final class ServiceLine implements EngineCommand {
        @Parameters(paramLabel = "NAME", description = "the service")
        String name;

        @Override
        public Command command() {
            return new GetService(name);
        }
    }

    @CommandLine.Command(name = "get", description = "get service NAME: a service's versions, nodes and endpoints.",
            subcommands = ServiceLine.class)
    static final class GetLine {
    }

    @CommandLine.Command(name = "describe", description = "describe service NAME: as get service.",
            subcommands = ServiceLine.class)
    static final class DescribeLine {
    }

    @CommandLine.Command(name = "call", description = "Calls an endpoint with a JSON request.")
    static final class CallLine implements EngineCommand {
        @Parameters(index = "0", paramLabel = "SERVICE", description = "the service, go.micro.srv.greeter")
        String service;
        @Parameters(index = "1", paramLabel = "ENDPOINT", description = "the endpoint, Say.Hello")
        String endpoint;
        @Parameters(index = "2", arity = "0..1", paramLabel = "JSON", description = "the request (default {})")
        String request;
        @Option(names = "--address", paramLabel = "HOST:PORT", description = "call this node, skipping the registry")
        String address;
        @Option(names = "--metadata", paramLabel = "K=V", description = "metadata sent with the call (repeatable)")
        Map<String, String> metadata = new LinkedHashMap<>();
        @Option(names = "--content_type", paramLabel = "TYPE",
                description = "application/json (default) or application/json-rpc")
        String contentType;
        @Option(names = "--timeout", paramLabel = "DURATION", description = "how long the call may take, 5s")
        String timeout;

        @Override
        public Command command() {
            return new Call(service, endpoint, request, new CallSettings(address, metadata, contentType,
                    duration(timeout, "timeout")));
        }
    }

    @CommandLine.Command(name = "stream",
            description = "Opens a stream with a JSON request and prints every message until it ends.")
    static final class StreamLine {
        @Parameters(index = "0", paramLabel = "SERVICE", description = "the service, go.micro.srv.greeter")
        String service;
        @Parameters(index = "1", paramLabel = "ENDPOINT", description = "a streaming endpoint, Say.Stream")
        String endpoint;
        @Parameters(index = "2", arity = "0..1", paramLabel = "JSON", description = "the request (default {})")
        String request;
        @Option(names = "--address", paramLabel = "HOST:PORT",
                description = "stream from this node, skipping the registry")
        String address;
        @Option(names = "--metadata", paramLabel = "K=V",
                description = "metadata sent with the stream (repeatable)")
        Map<String, String> metadata = new LinkedHashMap<>();
        @Option(names = "--content_type", paramLabel = "TYPE",
                description = "application/json (default) or application/json-rpc")
        String contentType;
        @Option(names = "--timeout", paramLabel = "DURATION",
                description = "how long the whole stream may take (default: no limit)")
        String timeout;

        StreamCall stream() {
            return new StreamCall(service, endpoint, request, new CallSettings(address, metadata, contentType,
                    duration(timeout, "timeout")));
        }
    }

    @CommandLine.Command(name = "publish", description = "Publishes a JSON message through the broker.")
    static final class PublishLine implements EngineCommand {
        @Parameters(index = "0", paramLabel = "TOPIC")
        String topic;
        @Parameters(index = "1", paramLabel = "JSON")
        String message;

        @Override
        public Command command() {
            return new Publish(topic, message);
        }
    }

    @CommandLine.Command(name = "health", description = "Debug.Health of every node of a service.")
    static final class HealthLine implements EngineCommand {
        @Parameters(paramLabel = "SERVICE")
        String service;
        @Option(names = "--timeout", paramLabel = "DURATION", description = "how long each node may take")
        String timeout;

        @Override
        public Command command() {
            return new Health(service, duration(timeout, "timeout"));
        }
    }

    @CommandLine.Command(name = "stats", description = "Debug.Stats of every node of a service.")
    static final class StatsLine implements EngineCommand {
        @Parameters(paramLabel = "SERVICE")
        String service;
        @Option(names = "--timeout", paramLabel = "DURATION", description = "how long each node may take")
        String timeout;

        @Override
        public Command command() {
            return new Stats(service, duration(timeout, "timeout"));
        }
    }

    @CommandLine.Command(name = "service", description = "Registers a service given as go-micro's registry JSON.")
    static final class RegisterServiceLine implements EngineCommand {
        @Parameters(paramLabel = "JSON")
        String service;
        @Option(names = "--ttl", paramLabel = "DURATION",
                description = "expire the nodes after this long (default never)")
        String ttl;

        @Override
        public Command command() {
            return new RegisterService(service, duration(ttl, "ttl"));
        }
    }

    @CommandLine.Command(name = "register", description = "register service JSON.",
            subcommands = RegisterServiceLine.class)
    static final class RegisterLine {
    }

    @CommandLine.Command(name = "service", description = "Deregisters a service given as go-micro's registry JSON.")
    static final class DeregisterServiceLine implements EngineCommand {
        @Parameters(paramLabel = "JSON")
        String service;

        @Override
        public Command command() {
            return new DeregisterService(service);
        }
    }

    @CommandLine.Command(name = "deregister", description = "deregister service JSON.",
            subcommands = DeregisterServiceLine.class)
    static final class DeregisterLine {
    }

    @CommandLine.Command(name = "watch", description = "Prints registry events as they come, until interrupted.")
    static final class WatchLine {
        @Parameters(arity = "0..1", paramLabel = "SERVICE", description = "only this service's events")
        String service;

        WatchRegistry watch() {
            return new WatchRegistry(service);
        }
    }

    @CommandLine.Command(name = "registry", description = "registry watch: registry events as they come.",
            subcommands = WatchLine.class)
    static final class RegistryLine {
    }

    @CommandLine.Command(name = "cli", description = "An interactive shell with these commands.")
    static final class ShellLine {
    }

    private static Duration duration(String value, String flag) {
        return value == null ? null : GlobalFlags.duration(value, flag);
    }
}
