package io.microspring.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.microspring.gateway.handler.ServiceAllowList;
import io.microspring.toolkit.command.Call;
import io.microspring.toolkit.command.CallSettings;
import io.microspring.toolkit.command.ListServices;
import io.microspring.toolkit.command.RegisterService;

class CommandGuardTest {

    private final CommandGuard guard = new CommandGuard(
            Map.of("xmpp", CommandGuard.Senders.of("micro.bot.xmpp.allowed-jids", List.of(" alice@example.com"))),
            new ServiceAllowList(List.of("go.micro.srv.*"), "micro.bot.call.allowed-services"));

    @Test
    void whenACommandChangesNothingThenEveryoneMayRunIt() {
        assertThat(guard.refusal(message("xmpp", "mallory@example.com"), new ListServices())).isEmpty();
    }

    @Test
    void whenTheSenderIsNotOnTheInputsAllowListThenCallAndRegisterAreRefusedSayingWhy() {
        assertThat(guard.refusal(message("xmpp", "mallory@example.com"), call("go.micro.srv.greeter", null)))
                .contains("call is refused: only the people on micro.bot.xmpp.allowed-jids may run it, and "
                        + "mallory@example.com is not on it");
        assertThat(guard.refusal(message("xmpp", ""), new RegisterService("{}", null)))
                .contains("register service is refused: only the people on micro.bot.xmpp.allowed-jids may run it, "
                        + "and the bot cannot tell who you are");
        assertThat(guard.refusal(message("slack", "UALICE"), call("go.micro.srv.greeter", null)))
                .contains("call is refused: only the people on micro.bot.slack.allowed-users may run it, and UALICE "
                        + "is not on it");
    }

    @Test
    void whenAnAllowedSenderCallsThenTheServiceAllowListAndDiscoveryApply() {
        assertThat(guard.refusal(message("xmpp", "alice@example.com"), call("go.micro.srv.greeter", null))).isEmpty();
        assertThat(guard.refusal(message("xmpp", "alice@example.com"), call("go.micro.bot.deploy", null)))
                .contains("call is refused: service go.micro.bot.deploy may not be called from chat; "
                        + "micro.bot.call.allowed-services allows [go.micro.srv.*]");
        assertThat(guard.refusal(message("xmpp", "alice@example.com"), call("go.micro.srv.greeter", "10.0.0.1:9000")))
                .contains("call is refused: --address may not be given while micro.bot.call.allowed-services is set; "
                        + "calls go through discovery");
    }

    private static ChatMessage message(String input, String sender) {
        return new ChatMessage(input, sender, "", reply -> { });
    }

    private static Call call(String service, String address) {
        return new Call(service, "Say.Hello", "{}", new CallSettings(address, Map.of(), null, null));
    }
}
