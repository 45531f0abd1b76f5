package io.microspring.bot;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * micro bot: a chat-ops bot on Slack and XMPP ({@code micro.bot.inputs}) that answers the
 * toolkit's commands ({@code list services}, {@code call} ...), micro's built-ins ({@code echo},
 * {@code time}, {@code hello}, {@code ping}, {@code help}) and the commands of services named
 * {@code <namespace>.<command>}. It reads the same {@code micro.*} settings as services; its own are
 * {@code micro.bot.*} ({@link BotProperties}). Start it through {@code Micro} ({@code ./micro bot}),
 * which also takes go-micro's flags.
 */
@SpringBootApplication
@EnableConfigurationProperties(BotProperties.class)
public class BotApplication {

    /** Runs micro bot with Spring arguments ({@code --micro.bot.inputs=xmpp}). */
    public static void main(String[] args) {
        new SpringApplicationBuilder(BotApplication.class)
                // bot.yml, not the gateway's application.yml
                .properties("spring.config.name=bot")
                .run(args);
    }
}
