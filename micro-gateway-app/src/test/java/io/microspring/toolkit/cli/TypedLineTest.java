package io.microspring.toolkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.microspring.errors.MicroException;
import io.microspring.toolkit.command.Call;
import io.microspring.toolkit.command.CallSettings;
import io.microspring.toolkit.command.GetService;
import io.microspring.toolkit.command.ListServices;
import io.microspring.toolkit.command.Output;

/** One typed line parsed into the engine's command, with only the offered commands accepted. */
class TypedLineTest {

    private static final List<String> OFFERED = List.of("list", "get", "call");

    @Test
    void aLineBecomesTheEnginesCommandWithItsOutput() {
        assertThat(TypedLine.parse("list services", OFFERED))
                .isEqualTo(new TypedLine.Run(new ListServices(), Output.TEXT));
        assertThat(TypedLine.parse("get service go.micro.srv.greeter --output json", OFFERED))
                .isEqualTo(new TypedLine.Run(new GetService("go.micro.srv.greeter"), Output.JSON));
        assertThat(TypedLine.parse("call greeter Say.Hello {\"name\": \"John Smith\"} --metadata a=b", OFFERED))
                .isEqualTo(new TypedLine.Run(new Call("greeter", "Say.Hello", "{\"name\": \"John Smith\"}",
                        new CallSettings(null, Map.of("a", "b"), null, null)), Output.TEXT));
    }

    @Test
    void helpListsTheOfferedCommandsOnlyAndCommandHelpGivesItsUsage() {
        TypedLine.Help help = (TypedLine.Help) TypedLine.parse("help", OFFERED);
        assertThat(help.text()).contains("  list services\n", "  get service NAME\n",
                "SERVICE ENDPOINT [JSON]\n      Calls an endpoint with a JSON request.")
                .doesNotContain("publish", "health");
        assertThat(TypedLine.parse("  ", OFFERED)).isEqualTo(help);
        assertThat(((TypedLine.Help) TypedLine.parse("call --help", OFFERED)).text())
                .contains("Usage: micro call", "--content_type=TYPE");
    }

    @Test
    void aCommandNotOfferedAGlobalFlagOrABadLineIsA400() {
        assertThatThrownBy(() -> TypedLine.parse("publish topic {}", OFFERED))
                .isInstanceOfSatisfying(MicroException.class, error -> {
                    assertThat(error.code()).isEqualTo(400);
                    assertThat(error.detail()).isEqualTo("publish is not a command here; type help for the commands: "
                            + "list, get, call");
                });
        assertThatThrownBy(() -> TypedLine.parse("list services --registry=etcd", OFFERED))
                .isInstanceOfSatisfying(MicroException.class, error -> assertThat(error.detail())
                        .startsWith("only --output may be given here"));
        assertThatThrownBy(() -> TypedLine.parse("list", OFFERED))
                .isInstanceOfSatisfying(MicroException.class, error -> assertThat(error.detail())
                        .isEqualTo("list needs one of: services; list --help shows its usage"));
        assertThatThrownBy(() -> TypedLine.parse("call greeter", OFFERED))
                .isInstanceOfSatisfying(MicroException.class, error -> assertThat(error.detail())
                        .isEqualTo("Missing required parameter: 'ENDPOINT'; call --help shows its usage"));
        assertThatThrownBy(() -> TypedLine.parse("call greeter Say.Hello --timeout soon", OFFERED))
                .isInstanceOfSatisfying(MicroException.class, error -> assertThat(error.detail())
                        .contains("--timeout takes a duration"));
        assertThatThrownBy(() -> TypedLine.parse("list services --output yaml", OFFERED))
                .isInstanceOfSatisfying(MicroException.class, error -> assertThat(error.code()).isEqualTo(400));
    }
}
