package io.microspring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.gatewaytest.Http;
import io.microspring.samples.greeterweb.GreeterWebApplication;
import io.microspring.testing.EtcdServer;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.FreePorts;
import io.microspring.testing.GoPeers;

/**
 * The jar started as the README says ({@code ./micro --registry=etcd --registry_address=... web}),
 * over a real etcd, with go-micro's own greeter (a Go process) and the sample greeter-web
 * registered as {@code go.micro.web.greeter}: the dashboard shows and calls the Go service, the
 * proxy reaches the web app.
 */
class MicroWebJarIT {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    static GoPeers.Peer greeter;
    static ConfigurableApplicationContext greeterWeb;
    static ExternalProcess micro;
    static int port;

    @BeforeAll
    static void start() {
        greeter = GoPeers.startGreeter(GoPeers.registryEnv("etcd", etcd.address()));
        // reactive, as the sample runs alone: the test classpath also holds Spring MVC
        greeterWeb = new SpringApplicationBuilder(GreeterWebApplication.class).web(WebApplicationType.REACTIVE)
                .run("--micro.registry=etcd", "--micro.registry-address=" + etcd.address(),
                        "--server.address=127.0.0.1", "--server.port=0", "--micro.web.name=go.micro.web.greeter",
                        "--spring.main.banner-mode=off");
        port = FreePorts.find();
        micro = ExternalProcess.builder("micro", Path.of("micro").toAbsolutePath())
                .args("--registry=etcd", "--registry_address=" + etcd.address(), "web",
                        "--address=127.0.0.1:" + port)
                .stopTimeout(Duration.ofSeconds(30))
                .start();
        micro.awaitLine(Pattern.compile("Netty started on port " + port), Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (micro != null) {
            micro.close();
        }
        if (greeterWeb != null) {
            greeterWeb.close();
        }
        if (greeter != null) {
            greeter.close();
        }
    }

    @Test
    void theRegistryPagesShowTheGoGreeterAndItsSayHello() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                Http.get(url("/registry?format=json")).body())
                .contains("{\"name\":\"go.micro.srv.greeter\",\"versions\":[\"latest\"],\"nodes\":1}"));
        String page = Http.get(url("/registry?service=go.micro.srv.greeter")).body();
        assertThat(page).contains("<h4>Say.Hello <a class=\"call\"")
                .contains("<span class=\"field\">name</span> <span class=\"type\">string</span>");
    }

    @Test
    void rpcCallsTheGoGreeter() {
        HttpResponse<String> response = Http.post(url("/rpc"), "application/json",
                "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Hello\",\"request\":{\"name\":\"John\"}}");
        assertThat(response.statusCode()).isEqualTo(200);
        // Go's JSON encoder ends the body with a newline
        assertThat(response.body()).isEqualTo("{\"msg\":\"Hello John\"}\n");
    }

    @Test
    void theProxyReachesTheWebAppAndTheHomePageShowsItsTile() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                Http.get(url("/greeter/web/hello?name=John")).body()).isEqualTo("Hello John"));
        assertThat(Http.get(url("/")).body()).contains("<a class=\"tile\" href=\"/greeter/\"><span>greeter</span></a>");
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
