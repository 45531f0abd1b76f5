package io.microspring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.gatewaytest.Http;
import io.microspring.gatewaytest.named.NamedGreeterApplication;
import io.microspring.samples.greeterweb.GreeterWebApplication;
import io.microspring.testing.EtcdServer;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.FreePorts;
import io.microspring.testing.GoPeers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jar started as the README says ({@code ./micro --registry=etcd --registry_address=... web}),
 * over a real etcd, with go-micro's own greeter (a Go process, without the Debug service), a Java
 * greeter (with it) and the sample greeter-web registered as {@code go.micro.web.greeter}: the
 * dashboard shows and calls the Go service, the terminal lists and calls both greeters,
 * {@code /stats} reports the Java node's figures and the Go node {@code reachable, no Debug service},
 * the proxy reaches the web app.
 */
class MicroWebJarIT {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    static final String JAVA_GREETER = "go.micro.srv.javagreeter";
    static final JsonMapper JSON = JsonMapper.shared();

    static GoPeers.Peer greeter;
    static ConfigurableApplicationContext javaGreeter;
    static ConfigurableApplicationContext greeterWeb;
    static ExternalProcess micro;
    static int port;

    @BeforeAll
    static void start() {
        greeter = GoPeers.startGreeter(GoPeers.registryEnv("etcd", etcd.address()));
        javaGreeter = NamedGreeterApplication.start(JAVA_GREETER, Map.of("micro.registry", "etcd",
                "micro.registry-address", etcd.address()));
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
        if (javaGreeter != null) {
            javaGreeter.close();
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

    @Test
    void theTerminalListsAndCallsTheGoAndTheJavaGreeter() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                terminal("list services --output json").get("output").asString())
                .contains("\"go.micro.srv.greeter\"", "\"" + JAVA_GREETER + "\""));
        for (String service : List.of("go.micro.srv.greeter", JAVA_GREETER)) {
            JsonNode call = terminal("call " + service + " Say.Hello {\"name\": \"John\"}");
            assertThat(call.has("error")).as(call.toString()).isFalse();
            assertThat(JSON.readTree(call.get("output").asString()).get("msg").asString()).isEqualTo("Hello John");
        }
        JsonNode health = terminal("health go.micro.srv.greeter");
        assertThat(health.has("error")).as(health.toString()).isFalse();
        assertThat(health.get("output").asString()).contains("reachable, no Debug service");
    }

    @Test
    void theStatsPageShowsTheJavaNodesFiguresAndTheGoNodeReachableWithoutDebug() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Http.get(url("/stats")).body())
                .contains(">go.micro.srv.greeter</a>", ">" + JAVA_GREETER + "</a>"));
        JsonNode java = JSON.readTree(Http.get(url("/stats?format=json&service=" + JAVA_GREETER)).body())
                .get("nodes").get(0);
        assertThat(java.get("status").asString()).isEqualTo("ok");
        assertThat(java.get("threads").asLong()).isPositive();
        assertThat(java.get("started").asLong()).isPositive();

        HttpResponse<String> goJson = Http.get(url("/stats?format=json&service=go.micro.srv.greeter"));
        assertThat(goJson.statusCode()).isEqualTo(200);
        JsonNode go = JSON.readTree(goJson.body()).get("nodes").get(0);
        assertThat(go.get("status").asString()).isEqualTo("reachable, no Debug service");
        assertThat(go.get("address").asString()).isEqualTo(greeter.address());
        assertThat(go.has("threads")).isFalse();
        assertThat(Http.get(url("/stats?service=go.micro.srv.greeter")).body())
                .contains("<td class=\"healthy\">reachable, no Debug service</td>");
    }

    private static JsonNode terminal(String line) {
        HttpResponse<String> run = Http.post(url("/terminal"), "application/json",
                JSON.writeValueAsString(Map.of("line", line)), "Accept", "application/json");
        return JSON.readTree(run.body());
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
