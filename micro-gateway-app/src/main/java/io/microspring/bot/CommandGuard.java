package io.microspring.bot;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.microspring.gateway.handler.ServiceAllowList;
import io.microspring.toolkit.command.Call;
import io.microspring.toolkit.command.Command;
import io.microspring.toolkit.command.DeregisterService;
import io.microspring.toolkit.command.RegisterService;

/**
 * Who may run what: {@code call}, {@code register service} and {@code deregister service} only for
 * the senders on their input's allow-list, and {@code call} only to the services
 * {@code micro.bot.call.allowed-services} allows, through discovery, as the gateway's {@code /rpc}.
 * Every other command is open.
 */
final class CommandGuard {

    /** One input's allow-list of senders, from the property {@code setting}. */
    record Senders(String setting, Set<String> allowed) {

        Senders {
            allowed = Set.copyOf(allowed);
        }

        static Senders of(String setting, List<String> allowed) {
            return new Senders(setting, Set.copyOf(allowed.stream().map(String::strip).toList()));
        }
    }

    private final Map<String, Senders> senders;
    private final ServiceAllowList services;

    /** {@code senders} by input name; {@code services} limits {@code call}. */
    CommandGuard(Map<String, Senders> senders, ServiceAllowList services) {
        this.senders = Map.copyOf(senders);
        this.services = services;
    }

    /** Why {@code message} may not run {@code command}; empty when it may. */
    Optional<String> refusal(ChatMessage message, Command command) {
        String name = restrictedName(command);
        if (name == null) {
            return Optional.empty();
        }
        Senders allowed = senders.get(message.input());
        if (allowed == null || !allowed.allowed().contains(message.sender())) {
            String setting = allowed == null ? "micro.bot." + message.input() + ".allowed-users" : allowed.setting();
            String who = message.sender().isEmpty() ? "the bot cannot tell who you are" : message.sender()
                    + " is not on it";
            return Optional.of(name + " is refused: only the people on " + setting + " may run it, and " + who);
        }
        if (command instanceof Call call) {
            if (!services.allows(call.service())) {
                return Optional.of("call is refused: service " + call.service() + " may not be called from chat; "
                        + services.setting() + " allows " + services.patterns());
            }
            if (!services.allowsAll() && call.settings().address() != null) {
                return Optional.of("call is refused: --address may not be given while " + services.setting()
                        + " is set; calls go through discovery");
            }
        }
        return Optional.empty();
    }

    private static String restrictedName(Command command) {
        if (command instanceof Call) {
            return "call";
        }
        if (command instanceof RegisterService) {
            return "register service";
        }
        if (command instanceof DeregisterService) {
            return "deregister service";
        }
        return null;
    }
}
