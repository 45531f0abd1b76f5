package io.microspring.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.gateway.handler.ServiceAllowList;
import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.memory.MemoryRegistry;
import reactor.core.publisher.Mono;

/** The bot over an in-memory registry: commands that make no calls. */
class BotTest {

    private final MemoryRegistry registry = new MemoryRegistry();
    private final Bot bot = new Bot(new SpringToolkit(registry, noCalls()),
            new CommandGuard(Map.of("xmpp", CommandGuard.Senders.of("micro.bot.xmpp.allowed-jids", List.of())),
                    new ServiceAllowList(List.of(), "micro.bot.call.allowed-services")),
            new ServiceCommands(new SpringToolkit(registry, noCalls()), "go.micro.bot"), new ChatText(3000),
            Clock.fixed(Instant.parse("2026-11-30T08:30:13Z"), ZoneOffset.UTC));

    @Test
    void whenAskedMicrosBuiltInsThenItAnswersAsMicrosBot() {
        assertThat(ask("ping")).isEqualTo("pong");
        assertThat(ask("PING")).isEqualTo("pong");
        assertThat(ask("hello")).isEqualTo("hey what's up?");
        assertThat(ask("echo")).isEqualTo("echo what?");
        assertThat(ask("time")).isEqualTo("Server time is: Mon, 30 Nov 2026 08:30:13 GMT");
        assertThat(ask("   ")).isNull();
    }

    @Test
    void whenAskedTheEnginesCommandsThenTheyRunAndAnswerInCodeBlocks() {
        registry.register(new Service("go.micro.srv.greeter", "1", Map.of(), List.of(),
                List.of(new Node("greeter-1", "10.1.2.3:5000", Map.of()))), Duration.ZERO);
        assertThat(ask("list services")).isEqualTo("go.micro.srv.greeter");
        assertThat(ask("get service go.micro.srv.greeter")).startsWith("```\nservice  go.micro.srv.greeter\n")
                .contains("greeter-1   [address hidden]").doesNotContain("10.1.2.3");
        assertThat(ask("get service go.micro.srv.none")).isEqualTo("error: service go.micro.srv.none not found "
                + "(Not Found)");
        assertThat(ask("list")).startsWith("```\nlist needs one of: services\nUsage: micro list");
        assertThat(ask("stream go.micro.srv.greeter Say.Stream")).isEqualTo("stream runs until it is stopped, so it "
                + "is not offered here");
        assertThat(ask("health --help")).startsWith("```\nUsage: micro health ").endsWith("\n```");
    }

    @Test
    void whenTheFirstWordIsNoCommandThenItSaysSo() {
        assertThat(ask("deploy greeter")).isEqualTo("I don't know 'deploy'. Say help for the commands.");
    }

    private String ask(String text) {
        return bot.answer(new ChatMessage("xmpp", "alice@example.com", text, reply -> { })).orElse(null);
    }

    private static MicroClient noCalls() {
        return new MicroClient() {
            @Override
            public <T> Mono<T> call(String service, String endpoint, Object request, Type responseType,
                    CallOptions options) {
                throw new AssertionError("no call expected, got " + service + " " + endpoint);
            }
        };
    }
}
