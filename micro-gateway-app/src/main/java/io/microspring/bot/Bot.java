package io.microspring.bot;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.errors.MicroException;
import io.microspring.toolkit.cli.CommandGrammar;
import io.microspring.toolkit.command.Command;
import io.microspring.toolkit.command.Result;
import io.microspring.toolkit.command.Toolkit;
import reactor.core.Exceptions;

/**
 * What the bot answers to a message: micro's built-ins ({@code echo}, {@code time},
 * {@code hello}, {@code ping}, {@code help}), the toolkit's commands as the CLI spells them
 * (run by its command engine, guarded by {@link CommandGuard}), then the commands of services
 * ({@link ServiceCommands}). Errors are answered with their go-micro detail, never a stack trace.
 * {@link #answer} blocks while commands run: call it off any event loop.
 */
final class Bot {

    private static final Logger log = LoggerFactory.getLogger(Bot.class);

    private static final List<String> HELP = List.of(
            "echo [text] - Returns the [text]",
            "time - Returns the server time",
            "hello - Returns a greeting",
            "ping - Returns pong",
            "list services - Returns a list of registered services",
            "get service NAME - Returns a registered service",
            "health SERVICE - Returns the health of each node of a service",
            "stats SERVICE - Returns the statistics of each node of a service",
            "call SERVICE ENDPOINT [JSON] - Returns the response of a service call (allowed users only)",
            "publish TOPIC JSON - Publishes a message",
            "register service JSON - Registers a service (allowed users only)",
            "deregister service JSON - Deregisters a service (allowed users only)",
            "help - Displays help for all known commands");

    private final Toolkit toolkit;
    private final CommandGuard guard;
    private final ServiceCommands services;
    private final ChatText chat;
    private final Clock clock;

    Bot(Toolkit toolkit, CommandGuard guard, ServiceCommands services, ChatText chat, Clock clock) {
        this.toolkit = toolkit;
        this.guard = guard;
        this.services = services;
        this.chat = chat;
        this.clock = clock;
    }

    /** The reply to {@code message}, formatted for chat; empty for a message with no words. */
    Optional<String> answer(ChatMessage message) {
        String text = message.text().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        List<String> words = Arrays.asList(text.split("\\s+"));
        String first = words.get(0).toLowerCase(Locale.ROOT);
        try {
            return Optional.of(switch (first) {
                case "echo" -> chat.plain(words.size() < 2 ? "echo what?" : text.substring(first.length()).strip());
                case "time" -> chat.plain("Server time is: "
                        + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(clock)));
                case "hello" -> chat.plain("hey what's up?");
                case "ping" -> chat.plain("pong");
                case "help" -> help();
                default -> CommandGrammar.starts(first) ? engine(message, text) : service(words);
            });
        } catch (IllegalArgumentException e) {
            return Optional.of(chat.output(e.getMessage()));
        } catch (RuntimeException e) {
            return Optional.of(chat.plain(error(e)));
        }
    }

    private String help() {
        List<String> lines = new ArrayList<>(HELP);
        lines.addAll(services.help());
        return chat.output(String.join("\n", lines));
    }

    private String engine(ChatMessage message, String text) {
        CommandGrammar.Line line = CommandGrammar.parse(text);
        if (line instanceof CommandGrammar.Usage usage) {
            return chat.output(usage.text());
        }
        Command command = ((CommandGrammar.Run) line).command();
        Optional<String> refusal = guard.refusal(message, command);
        if (refusal.isPresent()) {
            log.info("Refused to {} from {}: {}", message.input(), message.sender(), refusal.get());
            return chat.plain(refusal.get());
        }
        Result result = command.run(toolkit);
        String reply = chat.output(result.text());
        return result.failure().map(failure -> reply + "\n" + chat.plain(error(failure))).orElse(reply);
    }

    private String service(List<String> words) {
        return services.exec(words)
                .map(reply -> reply.ok() ? chat.output(reply.text()) : chat.plain("error: " + reply.text()))
                .orElseGet(() -> chat.plain("I don't know '" + words.get(0) + "'. Say help for the commands."));
    }

    /** What a failed command says: a go-micro error's detail; nothing about the bot's insides otherwise. */
    private static String error(Throwable failure) {
        Throwable error = Exceptions.unwrap(failure);
        if (error instanceof MicroException micro) {
            return "error: " + micro.detail() + " (" + micro.status() + ")";
        }
        log.warn("A command failed", error);
        return "error: the command failed inside the bot; its log says why";
    }
}
