package io.microspring.server.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.microspring.server.EndpointMethod;
import io.microspring.server.Handler;
import io.microspring.server.bot.proto.ExecRequest;
import io.microspring.server.bot.proto.ExecResponse;
import io.microspring.server.bot.proto.HelpRequest;

class BotCommandTest {

    /** A command that fails as told by its first argument. */
    static final class Deploy implements BotCommand {

        @Override
        public String usage() {
            return "deploy SERVICE";
        }

        @Override
        public String description() {
            return "Rolls out a service";
        }

        @Override
        public String exec(List<String> args) {
            return switch (args.size() < 2 ? "" : args.get(1)) {
                case "" -> throw new IllegalArgumentException("deploy what?");
                case "busy" -> throw new IllegalStateException("a deploy is running");
                case "broken" -> throw new UnsupportedOperationException("not a command error");
                default -> "deploying " + args.get(1);
            };
        }
    }

    @Test
    void whenABeanImplementsItThenItsHandlerServesCommandHelpAndCommandExec() {
        Handler handler = Handler.of(BotCommand.HANDLER, new Deploy(), Deploy.class);
        assertThat(handler.endpoints()).extracting(EndpointMethod::name)
                .containsExactly("Command.Exec", "Command.Help");
    }

    @Test
    void whenExecSucceedsThenTheResultIsTheTextAndHelpTheUsageAndDescription() {
        Deploy deploy = new Deploy();
        ExecResponse response = deploy.execute(ExecRequest.newBuilder().addArgs("deploy").addArgs("greeter").build());
        assertThat(response.getResult().toStringUtf8()).isEqualTo("deploying greeter");
        assertThat(response.getError()).isEmpty();
        assertThat(deploy.help(HelpRequest.getDefaultInstance()).getDescription()).isEqualTo("Rolls out a service");
    }

    @Test
    void whenExecRefusesAWrongUseOrAStateThenTheMessageIsTheCommandsError() {
        Deploy deploy = new Deploy();
        assertThat(deploy.execute(ExecRequest.newBuilder().addArgs("deploy").build()).getError())
                .isEqualTo("deploy what?");
        assertThat(deploy.execute(ExecRequest.newBuilder().addArgs("deploy").addArgs("busy").build()).getError())
                .isEqualTo("a deploy is running");
    }

    @Test
    void whenExecFailsOtherwiseThenTheCallFails() {
        Deploy deploy = new Deploy();
        assertThatThrownBy(() -> deploy.execute(
                ExecRequest.newBuilder().addArgs("deploy").addArgs("broken").build()))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
