package io.microspring.bot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.microspring.client.MicroClient;
import io.microspring.codec.Codec;
import io.microspring.gateway.handler.PassThroughJsonCodec;
import io.microspring.gateway.handler.ServiceAllowList;
import io.microspring.registry.Registry;

/**
 * micro bot's beans, over the registry and client of micro's auto-configuration: the command
 * engine's toolkit, the bot, the inputs {@code micro.bot.inputs} names, and their lifecycle.
 */
@Configuration(proxyBeanMethods = false)
class BotConfiguration {

    private static final String INPUTS = "micro.bot.inputs";

    /** Replaces the JSON codec of calls so that call's JSON passes through unparsed, as in the CLI. */
    @Bean
    Codec passThroughJsonCodec() {
        return new PassThroughJsonCodec();
    }

    @Bean
    Bot bot(BotProperties properties, Registry registry, MicroClient client) {
        SpringToolkit toolkit = new SpringToolkit(registry, client);
        Map<String, CommandGuard.Senders> senders = Map.of(
                SlackInput.NAME, CommandGuard.Senders.of("micro.bot.slack.allowed-users",
                        properties.getSlack().getAllowedUsers()),
                XmppInput.NAME, CommandGuard.Senders.of("micro.bot.xmpp.allowed-jids",
                        properties.getXmpp().getAllowedJids()));
        CommandGuard guard = new CommandGuard(senders, new ServiceAllowList(
                properties.getCall().getAllowedServices(), "micro.bot.call.allowed-services"));
        return new Bot(toolkit, guard, new ServiceCommands(toolkit, properties.getNamespace()),
                new ChatText(properties.getMaxReplyLength()), Clock.systemDefaultZone());
    }

    @Bean
    BotLifecycle botLifecycle(Bot bot, BotProperties properties) {
        return new BotLifecycle(bot, inputs(properties));
    }

    private static List<ChatInput> inputs(BotProperties properties) {
        Map<String, ChatInput> inputs = new LinkedHashMap<>();
        for (String name : properties.getInputs()) {
            String input = name.strip().toLowerCase(Locale.ROOT);
            if (input.isEmpty() || inputs.containsKey(input)) {
                continue;
            }
            inputs.put(input, switch (input) {
                case SlackInput.NAME -> SlackInput.of(properties.getSlack());
                case XmppInput.NAME -> XmppInput.of(properties.getXmpp());
                default -> throw new InvalidConfigurationPropertyValueException(INPUTS, properties.getInputs(),
                        "unknown input '" + name.strip() + "'; the inputs are slack and xmpp");
            });
        }
        if (inputs.isEmpty()) {
            throw new InvalidConfigurationPropertyValueException(INPUTS, properties.getInputs(),
                    "name the chat inputs to connect: --inputs=slack, --inputs=xmpp or --inputs=slack,xmpp");
        }
        return new ArrayList<>(inputs.values());
    }
}
