package io.microspring.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.samples.botweather.Weather;
import io.microspring.samples.botweather.WeatherApplication;
import io.microspring.testing.EtcdServer;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.GoPeers;
import io.microspring.testing.ProsodyServer;

/**
 * {@code ./micro bot --inputs=xmpp} (the packaged jar) on a real Prosody, over etcd, with
 * go-micro's greeter and two command services: the sample's Java {@code weather} and the Go peer's
 * {@code shout}. Alice (on the allow-list) and Mallory (not on it) talk to the bot directly and in
 * a room with a real XMPP client; the assertions are on the replies as they read them. Last,
 * Prosody restarts and the bot answers again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BotXmppIT {

    private static final String ROOM = "ops@" + ProsodyServer.MUC_DOMAIN;
    private static final String NICKNAME = "micro";
    private static final Duration REPLY = Duration.ofSeconds(30);

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    @RegisterExtension
    static final ProsodyServer prosody = new ProsodyServer(Map.of("bot", "bot-secret", "alice", "alice-secret",
            "mallory", "mallory-secret"));

    static GoPeers.Peer greeter;
    static GoPeers.Peer shout;
    static ConfigurableApplicationContext weather;
    static ExternalProcess micro;
    static XmppUser alice;
    static XmppUser mallory;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> registry = GoPeers.registryEnv("etcd", etcd.address());
        greeter = GoPeers.startGreeter(registry);
        shout = GoPeers.startPeer("bot-command", registry);
        weather = new SpringApplicationBuilder(WeatherApplication.class)
                .run("--micro.registry=etcd", "--micro.registry-address=" + etcd.address(),
                        "--micro.server-address=127.0.0.1:0", "--spring.main.banner-mode=off");
        micro = ExternalProcess.builder("micro-bot", Path.of("micro").toAbsolutePath())
                .args("--registry=etcd", "--registry_address=" + etcd.address(), "bot", "--inputs=xmpp",
                        "--xmpp_jid=bot@" + ProsodyServer.DOMAIN, "--xmpp_password=bot-secret",
                        "--xmpp_address=" + prosody.address(), "--xmpp_rooms=" + ROOM,
                        "--micro.bot.xmpp.security=disabled", "--micro.bot.xmpp.reconnect-delay=1s",
                        "--micro.bot.xmpp.allowed-jids=alice@" + ProsodyServer.DOMAIN,
                        "--micro.bot.call.allowed-services=go.micro.srv.*")
                .stopTimeout(Duration.ofSeconds(30))
                .start();
        micro.awaitLine(Pattern.compile("XMPP connected to"), Duration.ofSeconds(120));
        alice = XmppUser.login(prosody, "alice", "alice-secret", "bot");
        mallory = XmppUser.login(prosody, "mallory", "mallory-secret", "bot");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable open : new AutoCloseable[] {alice, mallory, micro, weather, shout, greeter}) {
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
    @Order(1)
    void answersMicrosBuiltInsInADirectMessage() throws Exception {
        assertThat(alice.ask("ping", REPLY)).isEqualTo("pong");
        assertThat(mallory.ask("hello", REPLY)).isEqualTo("hey what's up?");
        assertThat(alice.ask("echo deploy at   noon", REPLY)).isEqualTo("deploy at   noon");
        assertThat(alice.ask("time", REPLY)).startsWith("Server time is: ");
        assertThat(alice.ask("frobnicate now", REPLY))
                .isEqualTo("I don't know 'frobnicate'. Say help for the commands.");
    }

    @Test
    @Order(2)
    void helpListsTheBuiltInsAndTheCommandServicesOfBothLanguages() throws Exception {
        String help = alice.ask("help", REPLY);
        assertThat(help).startsWith("```\necho [text] - Returns the [text]\n").endsWith("\n```")
                .contains("\nping - Returns pong\n")
                .contains("\ncall SERVICE ENDPOINT [JSON] - Returns the response of a service call "
                        + "(allowed users only)\n")
                .contains("\nshout TEXT - Returns the TEXT in capitals (a Go command)\n")
                .contains("\nweather CITY - Returns the weather in a city (a sample with made-up forecasts)\n");
    }

    @Test
    @Order(3)
    void runsTheJavaAndTheGoCommandServicesAndPostsTheirErrors() throws Exception {
        assertThat(alice.ask("weather Berlin", REPLY)).isEqualTo(new Weather().exec(List.of("weather", "Berlin")));
        assertThat(mallory.ask("shout deploy is done", REPLY)).isEqualTo("DEPLOY IS DONE");
        assertThat(alice.ask("shout", REPLY)).isEqualTo("error: shout what?");
        assertThat(alice.ask("weather", REPLY)).isEqualTo("error: weather where? Say: weather CITY");
    }

    @Test
    @Order(4)
    void listsAndDescribesServicesInCodeBlocksWithoutNodeAddresses() throws Exception {
        assertThat(mallory.ask("list services", REPLY))
                .isEqualTo("```\ngo.micro.bot.shout\ngo.micro.bot.weather\ngo.micro.srv.greeter\n```");
        String described = mallory.ask("get service go.micro.srv.greeter", REPLY);
        assertThat(described).startsWith("```\nservice  go.micro.srv.greeter\n").contains("\nEndpoint: Say.Hello\n")
                .contains(ChatText.HIDDEN_ADDRESS).doesNotContain(greeter.address())
                .doesNotContain("127.0.0.1");
        assertThat(mallory.ask("get service go.micro.srv.nothing", REPLY))
                .isEqualTo("error: service go.micro.srv.nothing not found (Not Found)");
        assertThat(mallory.ask("health go.micro.bot.weather", REPLY)).startsWith("```\nNODE ")
                .containsPattern("\ngo\\.micro\\.bot\\.weather-\\S+ +\\[address hidden\\] +ok\n```$");
        assertThat(mallory.ask("publish go.micro.topic.events {\"name\": \"John\"}", REPLY))
                .isEqualTo("published to go.micro.topic.events");
    }

    @Test
    @Order(5)
    void callIsForThePeopleAndServicesOnTheAllowLists() throws Exception {
        assertThat(alice.ask("call go.micro.srv.greeter Say.Hello {\"name\": \"John\"}", REPLY))
                .isEqualTo("```\n{\n  \"msg\" : \"Hello John\"\n}\n```");
        assertThat(alice.ask("call go.micro.srv.greeter Say.Hello {\"name\": \"bad\"}", REPLY))
                .isEqualTo("error: bad name (Bad Request)");
        assertThat(mallory.ask("call go.micro.srv.greeter Say.Hello {\"name\": \"John\"}", REPLY))
                .isEqualTo("call is refused: only the people on micro.bot.xmpp.allowed-jids may run it, and "
                        + "mallory@localhost is not on it");
        assertThat(alice.ask("call go.micro.bot.weather Command.Help", REPLY))
                .isEqualTo("call is refused: service go.micro.bot.weather may not be called from chat; "
                        + "micro.bot.call.allowed-services allows [go.micro.srv.*]");
        assertThat(mallory.ask("deregister service {\"name\": \"go.micro.srv.greeter\"}", REPLY))
                .isEqualTo("deregister service is refused: only the people on micro.bot.xmpp.allowed-jids may "
                        + "run it, and mallory@localhost is not on it");
        assertThat(alice.ask("call go.micro.srv.greeter", REPLY))
                .startsWith("```\nMissing required parameter: 'ENDPOINT'\nUsage: micro call ");
    }

    @Test
    @Order(6)
    void answersMessagesToItsNicknameInARoom() throws Exception {
        alice.join(ROOM, "alice", NICKNAME);
        await().atMost(REPLY).until(() -> alice.seesInRoom(NICKNAME));
        assertThat(alice.sayInRoom(NICKNAME + ": ping", REPLY)).isEqualTo("pong");
        assertThat(alice.sayInRoom(NICKNAME + " shout in the room", REPLY)).isEqualTo("IN THE ROOM");
    }

    @Test
    @Order(7)
    void answersAgainAfterProsodyRestarts() throws Exception {
        alice.close();
        mallory.close();
        prosody.stop();
        prosody.start();
        alice = XmppUser.login(prosody, "alice", "alice-secret", "bot");
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> alice.ask("ping", Duration.ofSeconds(5)).equals("pong"));
        assertThat(alice.ask("shout back again", REPLY)).isEqualTo("BACK AGAIN");
        alice.join(ROOM, "alice", NICKNAME);
        await().atMost(REPLY).until(() -> alice.seesInRoom(NICKNAME));
        assertThat(alice.sayInRoom(NICKNAME + ": ping", REPLY)).isEqualTo("pong");
    }
}
