package io.microspring.server.bot;

import java.util.List;

import com.google.protobuf.ByteString;

import io.microspring.annotation.MicroHandler;
import io.microspring.server.bot.proto.ExecRequest;
import io.microspring.server.bot.proto.ExecResponse;
import io.microspring.server.bot.proto.HelpRequest;
import io.microspring.server.bot.proto.HelpResponse;

/**
 * A chat command of {@code micro bot}: a {@code @MicroService} bean implementing it, named
 * {@code <namespace>.<command>} with handler {@link #HANDLER}, serves micro's bot
 * {@code Command.Help} and {@code Command.Exec}, so the bot lists it in {@code help} and runs it
 * when a chat message starts with its name.
 *
 * <pre>
 * &#64;MicroService(name = "go.micro.bot.deploy", handler = BotCommand.HANDLER)
 * class Deploy implements BotCommand {
 *     public String usage() { return "deploy SERVICE VERSION"; }
 *     public String description() { return "Rolls out a version of a service"; }
 *     public String exec(List&lt;String&gt; args) { ... }
 * }
 * </pre>
 */
public interface BotCommand {

    /** The handler name micro's bot calls: endpoints {@code Command.Help} and {@code Command.Exec}. */
    String HANDLER = "Command";

    /** How to call the command, for {@code help}: {@code deploy SERVICE VERSION}. */
    String usage();

    /** What the command does, one line, for {@code help}. */
    String description();

    /**
     * Runs the command. {@code args} are the words of the chat message, the command's name first,
     * as micro's bot sends them. An {@link IllegalArgumentException} (a wrong use) or
     * {@link IllegalStateException} (it cannot be done now) is answered as the command's error,
     * its message posted to the chat; any other exception fails the call.
     *
     * @return the text the bot posts
     */
    String exec(List<String> args);

    /** {@code Command.Help}: the usage and description. */
    @MicroHandler(name = "Help")
    default HelpResponse help(HelpRequest request) {
        return HelpResponse.newBuilder().setUsage(usage()).setDescription(description()).build();
    }

    /** {@code Command.Exec}: the result of {@link #exec}, or its error. */
    @MicroHandler(name = "Exec")
    default ExecResponse execute(ExecRequest request) {
        try {
            return ExecResponse.newBuilder().setResult(ByteString.copyFromUtf8(exec(request.getArgsList()))).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return ExecResponse.newBuilder().setError(String.valueOf(e.getMessage())).build();
        }
    }
}
