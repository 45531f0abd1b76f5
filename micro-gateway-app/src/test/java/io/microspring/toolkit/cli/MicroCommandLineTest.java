package io.microspring.toolkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.microspring.toolkit.command.Call;
import io.microspring.toolkit.command.CallSettings;
import io.microspring.toolkit.command.GetService;
import io.microspring.toolkit.command.WatchRegistry;

/** The query commands' parser: what a line asks for, its help, and picocli's messages for a wrong line. */
class MicroCommandLineTest {

    @Test
    void aLineGivesItsCommandWithParametersOptionsAndPairs() {
        assertThat(action("call", "--address=127.0.0.1:9", "greeter", "--metadata", "a=b=c", "Say.Hello",
                "--metadata=x=y", "--timeout", "2s", "{}"))
                .isEqualTo(new CommandRunner.Run(new Call("greeter", "Say.Hello", "{}",
                        new CallSettings("127.0.0.1:9", Map.of("a", "b=c", "x", "y"), null, Duration.ofSeconds(2)))));
        assertThat(action("describe", "service", "greeter")).isEqualTo(new CommandRunner.Run(new GetService("greeter")));
        assertThat(action("registry", "watch")).isEqualTo(new CommandRunner.WatchEvents(new WatchRegistry(null)));
        assertThat(action("cli")).isEqualTo(new CommandRunner.OpenShell());
    }

    @Test
    void everyCommandOfTheGrammarHasAnAction() {
        List<List<String>> lines = List.of(List.of("list", "services"), List.of("services"),
                List.of("get", "service", "a"), List.of("describe", "service", "a"), List.of("call", "a", "B.c"),
                List.of("stream", "a", "B.c"), List.of("publish", "topic", "{}"), List.of("health", "a"),
                List.of("stats", "a"), List.of("register", "service", "{}"), List.of("deregister", "service", "{}"),
                List.of("registry", "watch"), List.of("cli"));
        assertThat(lines).extracting(line -> line.get(0)).containsExactlyInAnyOrderElementsOf(
                MicroCommandLine.COMMANDS);
        assertThat(lines).allSatisfy(line -> assertThat(action(line.toArray(String[]::new))).isNotNull());
    }

    @Test
    void helpAnywhereShowsTheUsageOfTheCommandNamedSoFar() {
        String call = ((MicroCommandLine.HelpAsked) MicroCommandLine.parse(List.of("call", "greeter", "--help"))).usage();
        assertThat(call).startsWith("Usage: micro call [-h] [--address=HOST:PORT] [--content_type=TYPE] "
                + "[--timeout=DURATION] [--metadata=K=V]... SERVICE ENDPOINT [JSON]\n"
                + "Calls an endpoint with a JSON request.\n"
                + "      SERVICE               the service, go.micro.srv.greeter\n")
                .contains("\n  -h, --help                this help\n");
        assertThat(((MicroCommandLine.HelpAsked) MicroCommandLine.parse(List.of("-h", "get"))).usage())
                .isEqualTo("Usage: micro get [-h] [COMMAND]\n"
                        + "get service NAME: a service's versions, nodes and endpoints.\n"
                        + "  -h, --help   this help\n"
                        + "Commands:\n"
                        + "  service  Versions, nodes and endpoints (request and response fields) of a service.\n");
    }

    @Test
    void aWrongLineSaysWhatIsWrongAsPicocliDid() {
        assertThat(message("call")).isEqualTo("Missing required parameters: 'SERVICE', 'ENDPOINT'");
        assertThat(message("call", "greeter")).isEqualTo("Missing required parameter: 'ENDPOINT'");
        assertThat(message("call", "a", "b", "c", "d")).isEqualTo("Unmatched argument at index 4: 'd'");
        assertThat(message("call", "a", "b", "--foo")).isEqualTo("Unknown option: '--foo'");
        assertThat(message("call", "a", "b", "--address")).isEqualTo(
                "Missing required parameter for option '--address' (HOST:PORT)");
        assertThat(message("call", "a", "b", "--metadata", "x")).isEqualTo(
                "Value for option '--metadata' (K=V) should be in KEY=VALUE format but was x");
        assertThat(message("list")).isEqualTo("list needs one of: services");
        assertThat(message("list", "foo")).isEqualTo("Unmatched argument at index 1: 'foo'");
        assertThat(message()).isEqualTo("name a command");
        assertThat(((MicroCommandLine.Invalid) MicroCommandLine.parse(List.of("list"))).usage())
                .startsWith("Usage: micro list [-h] [COMMAND]\n");
    }

    private static CommandRunner.Parsed action(String... words) {
        return ((MicroCommandLine.Matched) MicroCommandLine.parse(List.of(words))).action();
    }

    private static String message(String... words) {
        return ((MicroCommandLine.Invalid) MicroCommandLine.parse(List.of(words))).message();
    }
}
