package io.microspring.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.samples.botweather.Weather;
import io.microspring.samples.botweather.WeatherApplication;
import io.microspring.testing.EtcdServer;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.GoPeers;

/**
 * {@code ./micro bot --inputs=slack} (the packaged jar) with Slack's Java SDK in Socket Mode,
 * pointed at {@link LocalSlack}, over etcd with go-micro's greeter and the sample's Java
 * {@code weather} command: mentions in a channel and direct messages are acknowledged and answered
 * with {@code chat.postMessage} in the same conversation, as a Slack user reads them.
 */
class BotSlackIT {

    private static final String APP_TOKEN = "xapp-1-test";
    private static final String BOT_TOKEN = "xoxb-test";
    private static final String ALICE = "UALICE";
    private static final String MALLORY = "UMALLORY";
    private static final Duration REPLY = Duration.ofSeconds(30);

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    static LocalSlack slack;
    static GoPeers.Peer greeter;
    static ConfigurableApplicationContext weather;
    static ExternalProcess micro;

    @BeforeAll
    static void start() {
        slack = new LocalSlack(APP_TOKEN, BOT_TOKEN);
        greeter = GoPeers.startGreeter(GoPeers.registryEnv("etcd", etcd.address()));
        weather = new SpringApplicationBuilder(WeatherApplication.class)
                .run("--micro.registry=etcd", "--micro.registry-address=" + etcd.address(),
                        "--micro.server-address=127.0.0.1:0", "--spring.main.banner-mode=off");
        micro = ExternalProcess.builder("micro-bot", Path.of("micro").toAbsolutePath())
                .args("--registry=etcd", "--registry_address=" + etcd.address(), "bot", "--inputs=slack",
                        "--slack_app_token=" + APP_TOKEN, "--slack_bot_token=" + BOT_TOKEN,
                        "--micro.bot.slack.api-url=" + slack.apiUrl(), "--micro.bot.slack.allowed-users=" + ALICE,
                        "--micro.bot.max-reply-length=300")
                .stopTimeout(Duration.ofSeconds(30))
                .start();
        micro.awaitLine(Pattern.compile("Slack connected as microbot"), Duration.ofSeconds(120));
        await().atMost(REPLY).until(slack::connected);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable open : new AutoCloseable[] {micro, weather, greeter, slack}) {
            if (open != null) {
                try {
                    open.close();
                } catch (Exception e) {
                    // the next one is still closed
                }
            }
        }
    }

    @Test
    void answersAMentionInItsChannelAndAcknowledgesTheEnvelope() throws Exception {
        String envelope = slack.mention(ALICE, "C0GENERAL", "ping");
        assertThat(slack.nextPost(REPLY)).isEqualTo(new LocalSlack.Post("C0GENERAL", "pong"));
        // the acknowledgement goes over the websocket, the reply over the Web API: either may land first
        await().atMost(REPLY).until(() -> slack.acknowledged(envelope));
    }

    @Test
    void answersADirectMessageWithACommandService() throws Exception {
        slack.directMessage(MALLORY, "D0MALLORY", "weather Berlin");
        assertThat(slack.nextPost(REPLY))
                .isEqualTo(new LocalSlack.Post("D0MALLORY", new Weather().exec(List.of("weather", "Berlin"))));
    }

    @Test
    void callRunsForAnAllowedUserAndIsRefusedToOthers() throws Exception {
        // Slack clients send quotes curly and <, > and & as entities
        slack.directMessage(ALICE, "D0ALICE",
                "call go.micro.srv.greeter Say.Hello {\u201cname\u201d: \u201cJ&amp;J\u201d}");
        assertThat(slack.nextPost(REPLY).text()).isEqualTo("```\n{\n  \"msg\" : \"Hello J&amp;J\"\n}\n```");
        slack.mention(MALLORY, "C0GENERAL", "call go.micro.srv.greeter Say.Hello {\"name\": \"John\"}");
        assertThat(slack.nextPost(REPLY)).isEqualTo(new LocalSlack.Post("C0GENERAL", "call is refused: only the "
                + "people on micro.bot.slack.allowed-users may run it, and UMALLORY is not on it"));
    }

    @Test
    void ignoresMessagesOfBotsAndLongOutputIsCutSayingSo() throws Exception {
        slack.directMessage(LocalSlack.BOT_USER, "D0ALICE", "ping");
        slack.directMessage(ALICE, "D0ALICE", "help");
        LocalSlack.Post help = slack.nextPost(REPLY);
        assertThat(help.channel()).isEqualTo("D0ALICE");
        assertThat(help.text()).startsWith("```\necho [text] - Returns the [text]\n")
                .containsPattern("\n```\n\\(truncated: \\d+ more characters not shown\\)$");
        assertThat(help.text().length()).isLessThan(400);
    }

    @Test
    void connectsAgainWhenSlackClosesTheSocketAndAnswersThen() throws Exception {
        int before = slack.connectionsOpened();
        slack.disconnectAll();
        await().atMost(Duration.ofSeconds(60)).until(() -> slack.connectionsOpened() > before && slack.connected());
        slack.mention(ALICE, "C0GENERAL", "hello");
        assertThat(slack.nextPost(REPLY)).isEqualTo(new LocalSlack.Post("C0GENERAL", "hey what's up?"));
    }
}
