package io.microspring.toolkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.gatewaytest.named.NamedGreeterApplication;
import io.microspring.testing.GoPeers;

/**
 * {@code micro cli} in a pseudo-terminal (tmux), through mDNS: commands typed and answered, tab
 * completion of commands, service names and endpoints, history kept in {@code ~/.micro_history}.
 */
class MicroShellIT {

    static final Duration ANSWER = Duration.ofSeconds(60);
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String JAVA_NAME = "shell.java.greeter." + SUFFIX;
    static final String GO_NAME = "shell.go.greeter." + SUFFIX;

    static ConfigurableApplicationContext javaGreeter;
    static GoPeers.Peer goGreeter;

    @TempDir
    Path home;

    @BeforeAll
    static void startGreeters() {
        goGreeter = GoPeers.startGreeter(Map.of(), "--name", GO_NAME);
        javaGreeter = NamedGreeterApplication.start(JAVA_NAME, Map.of());
    }

    @AfterAll
    static void stopGreeters() {
        if (javaGreeter != null) {
            javaGreeter.close();
        }
        if (goGreeter != null) {
            goGreeter.close();
        }
    }

    private Tmux shell() {
        Tmux tmux = new Tmux("env -u MICRO_REGISTRY -u MICRO_REGISTRY_ADDRESS HOME=" + home + " "
                + Path.of("micro").toAbsolutePath() + " cli");
        try {
            tmux.awaitScreen(screen -> screen.contains("micro>"), ANSWER);
            return tmux;
        } catch (AssertionError e) {
            tmux.close();
            throw e;
        }
    }

    @Test
    void typedCommandsAreAnsweredInTheTerminal() {
        try (Tmux tmux = shell()) {
            tmux.type("list services");
            tmux.press("Enter");
            tmux.awaitScreen(screen -> screen.contains(JAVA_NAME) && screen.contains(GO_NAME), ANSWER);
            tmux.type("call " + GO_NAME + " Say.Hello {\"name\": \"Shell\"}");
            tmux.press("Enter");
            tmux.awaitScreen(screen -> screen.contains("\"msg\" : \"Hello Shell\""), ANSWER);
            tmux.type("health " + JAVA_NAME + " --output json");
            tmux.press("Enter");
            tmux.awaitScreen(screen -> screen.contains("\"status\":\"ok\""), ANSWER);
            tmux.type("get service nobody." + SUFFIX);
            tmux.press("Enter");
            tmux.awaitScreen(screen -> screen.contains("\"code\":404"), ANSWER);
            tmux.type("help");
            tmux.press("Enter");
            tmux.awaitScreen(screen -> screen.contains("registry watch [SERVICE]"), ANSWER);
        }
    }

    @Test
    void tabCompletesCommandsServiceNamesAndEndpoints() {
        try (Tmux tmux = shell()) {
            tmux.type("hea");
            tmux.press("Tab");
            tmux.awaitScreen(screen -> screen.contains("micro> health"), ANSWER);
            tmux.type("shell.java.gr");
            tmux.press("Tab");
            tmux.awaitScreen(screen -> screen.contains("micro> health " + JAVA_NAME), ANSWER);
            tmux.press("C-u");
            tmux.type("call shell.go.gr");
            tmux.press("Tab");
            tmux.awaitScreen(screen -> screen.contains("micro> call " + GO_NAME), ANSWER);
            tmux.type("Say.He"); // a completed word ends with a space
            tmux.press("Tab");
            tmux.awaitScreen(screen -> screen.contains("micro> call " + GO_NAME + " Say.Hello"), ANSWER);
            tmux.type("{\"name\": \"Tab\"}");
            tmux.press("Enter");
            tmux.awaitScreen(screen -> screen.contains("Hello Tab"), ANSWER);
        }
    }

    @Test
    void historyIsRecalledWithUpAndKeptInTheHistoryFile() {
        try (Tmux tmux = shell()) {
            tmux.type("services");
            tmux.press("Enter");
            tmux.awaitScreen(screen -> screen.contains(GO_NAME), ANSWER);
            tmux.press("Up");
            tmux.awaitScreen(screen -> tmux.lastLine().equals("micro> services"), ANSWER);
            tmux.press("C-u");
            tmux.type("quit");
            tmux.press("Enter");
            Path history = home.resolve(".micro_history");
            await().atMost(ANSWER).untilAsserted(() -> assertThat(history).exists()
                    .content().contains("services").contains("quit"));
        }
    }
}
