package io.microspring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.gatewaytest.Http;
import io.microspring.gatewaytest.named.NamedGreeterApplication;
import io.microspring.testing.EtcdServer;
import io.microspring.testing.GoPeers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * micro web against go-micro's greeter (a Go process, without the Debug service) and a Java greeter
 * (with it), found through a real etcd: the terminal lists and calls both, {@code /stats} reports the
 * Java node's figures and the Go node as {@code reachable, no Debug service}, the registry page and
 * {@code /rpc} serve the Go service as the Java one.
 */
class MicroWebGoIT {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    static final JsonMapper JSON = JsonMapper.shared();
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String GO_NAME = "web.go.greeter." + SUFFIX;
    static final String JAVA_NAME = "web.java.greeter." + SUFFIX;

    static GoPeers.Peer goGreeter;
    static ConfigurableApplicationContext javaGreeter;
    static ConfigurableApplicationContext web;
    static int port;

    @BeforeAll
    static void start() {
        goGreeter = GoPeers.startGreeter(GoPeers.registryEnv("etcd", etcd.address()), "--name", GO_NAME);
        javaGreeter = NamedGreeterApplication.start(JAVA_NAME, Map.of("micro.registry", "etcd",
                "micro.registry-address", etcd.address()));
        web = new SpringApplicationBuilder(WebApplication.class)
                // reactive, as in the jar: the test classpath also holds Spring MVC
                .web(WebApplicationType.REACTIVE)
                .properties("spring.config.name=web")
                .run("--micro.web.address=127.0.0.1:0", "--micro.registry=etcd",
                        "--micro.registry-address=" + etcd.address());
        port = Integer.parseInt(web.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
        if (javaGreeter != null) {
            javaGreeter.close();
        }
        if (goGreeter != null) {
            goGreeter.close();
        }
    }

    @Test
    void theTerminalListsAndCallsTheGoAndTheJavaGreeter() {
        JsonNode list = terminal("list services --output json");
        assertThat(list.get("output").asString()).contains("\"" + GO_NAME + "\"", "\"" + JAVA_NAME + "\"");
        for (String service : new String[] {GO_NAME, JAVA_NAME}) {
            JsonNode call = terminal("call " + service + " Say.Hello {\"name\": \"John\"}");
            assertThat(call.has("error")).as(call.toString()).isFalse();
            assertThat(JSON.readTree(call.get("output").asString()).get("msg").asString()).isEqualTo("Hello John");
        }
        JsonNode health = terminal("health " + GO_NAME);
        assertThat(health.has("error")).as(health.toString()).isFalse();
        assertThat(health.get("output").asString()).contains("reachable, no Debug service");
    }

    @Test
    void theStatsPageShowsTheJavaNodesFiguresAndTheGoNodeReachableWithoutDebug() {
        JsonNode java = JSON.readTree(Http.get(url("/stats?format=json&service=" + JAVA_NAME)).body())
                .get("nodes").get(0);
        assertThat(java.get("status").asString()).isEqualTo("ok");
        assertThat(java.get("threads").asLong()).isPositive();
        assertThat(java.get("uptime").asLong()).isNotNegative();

        HttpResponse<String> goJson = Http.get(url("/stats?format=json&service=" + GO_NAME));
        assertThat(goJson.statusCode()).isEqualTo(200);
        JsonNode go = JSON.readTree(goJson.body()).get("nodes").get(0);
        assertThat(go.get("status").asString()).isEqualTo("reachable, no Debug service");
        assertThat(go.has("threads")).isFalse();
        assertThat(go.get("address").asString()).isEqualTo(goGreeter.address());

        String html = Http.get(url("/stats?service=" + GO_NAME)).body();
        assertThat(html).contains("<td class=\"healthy\">reachable, no Debug service</td>");
        assertThat(Http.get(url("/stats")).body()).contains(">" + GO_NAME + "</a>", ">" + JAVA_NAME + "</a>");
    }

    @Test
    void theRegistryPageAndRpcServeTheGoService() {
        String page = Http.get(url("/registry?service=" + GO_NAME)).body();
        assertThat(page).contains("<h4>Say.Hello <a class=\"call\"")
                .contains("<span class=\"field\">name</span> <span class=\"type\">string</span>");
        HttpResponse<String> rpc = Http.post(url("/rpc"), "application/json", "{\"service\":\"" + GO_NAME
                + "\",\"endpoint\":\"Say.Hello\",\"request\":{\"name\":\"Ann\"}}");
        assertThat(rpc.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(rpc.body()).get("msg").asString()).isEqualTo("Hello Ann");
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
