package io.microspring.bot;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.microspring.client.CallOptions;
import io.microspring.errors.MicroException;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;
import io.microspring.server.bot.BotCommand;
import io.microspring.server.bot.proto.ExecRequest;
import io.microspring.server.bot.proto.ExecResponse;
import io.microspring.server.bot.proto.HelpRequest;
import io.microspring.server.bot.proto.HelpResponse;
import io.microspring.toolkit.command.Toolkit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The commands services add, as micro's bot finds them: service {@code <namespace>.<command>}
 * serving micro's bot {@code Command.Help} and {@code Command.Exec} is command {@code <command>}.
 * They are looked up in the registry when asked for, so a command service started or stopped is
 * seen at once.
 */
final class ServiceCommands {

    private static final String HELP = BotCommand.HANDLER + ".Help";
    private static final String EXEC = BotCommand.HANDLER + ".Exec";
    private static final Duration HELP_TIMEOUT = Duration.ofSeconds(5);

    private final Toolkit toolkit;
    private final String prefix;

    ServiceCommands(Toolkit toolkit, String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("micro.bot.namespace must not be empty; the default is "
                    + BotProperties.DEFAULT_NAMESPACE);
        }
        this.toolkit = toolkit;
        this.prefix = namespace.strip() + ".";
    }

    /**
     * The help line of every command service that answers {@code Command.Help}, sorted by command:
     * {@code deploy SERVICE VERSION - Rolls out a version}.
     */
    List<String> help() {
        List<String> commands;
        try {
            commands = toolkit.registry().listServices().stream().map(Service::name)
                    .filter(name -> name.startsWith(prefix)).map(name -> name.substring(prefix.length()))
                    .filter(command -> !command.isEmpty() && !command.contains(".")).distinct().sorted().toList();
        } catch (RegistryException e) {
            return List.of();
        }
        CallOptions options = CallOptions.builder().requestTimeout(HELP_TIMEOUT).build();
        return Flux.fromIterable(commands)
                .flatMapSequential(command -> toolkit.client()
                        .call(prefix + command, HELP, HelpRequest.getDefaultInstance(), HelpResponse.class, options)
                        .map(help -> help.getUsage() + " - " + help.getDescription())
                        .onErrorResume(error -> Mono.empty()))
                .collectList()
                .block();
    }

    /**
     * Runs command {@code args[0]} with {@code args} (the command's name first, as micro's bot
     * sends them): its result or its error, or empty when no service serves that command.
     */
    Optional<Reply> exec(List<String> args) {
        String service = prefix + args.get(0);
        try {
            if (toolkit.registry().getService(service).isEmpty()) {
                return Optional.empty();
            }
        } catch (RegistryException e) {
            throw MicroException.serviceUnavailable(service, "cannot look up command %s: registry [%s] failed: %s",
                    args.get(0), toolkit.registry().name(), e.getMessage());
        }
        ExecResponse response = toolkit.client().call(service, EXEC,
                ExecRequest.newBuilder().addAllArgs(args).build(), ExecResponse.class).block();
        if (response == null) {
            throw MicroException.internalServerError(service, "no response from %s", EXEC);
        }
        if (!response.getError().isEmpty()) {
            return Optional.of(new Reply(false, response.getError()));
        }
        return Optional.of(new Reply(true, response.getResult().toString(StandardCharsets.UTF_8)));
    }

    /** What a command service answered: its result, or ({@code ok} false) its error. */
    record Reply(boolean ok, String text) {
    }
}
