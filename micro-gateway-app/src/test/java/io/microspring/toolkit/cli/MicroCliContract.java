package io.microspring.toolkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.gatewaytest.named.NamedGreeterApplication;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.GoPeers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every query command of the {@code micro} launcher, run as a process, against a Java greeter
 * (with the Debug service) and go-micro's greeter (a Go process, without it) found through one
 * registry: what it prints, in text and as JSON, and its exit code. Subclasses choose the registry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MicroCliContract {

    static final JsonMapper JSON = JsonMapper.shared();

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String javaName = "cli.java.greeter." + suffix;
    final String goName = "cli.go.greeter." + suffix;
    ConfigurableApplicationContext javaGreeter;
    GoPeers.Peer goGreeter;

    /** go-micro's environment variables selecting the registry, for the Go peers and for micro. */
    abstract Map<String, String> registryEnv();

    /** The same registry as Spring properties, for the Java greeter. */
    abstract Map<String, String> registryProperties();

    /** The environment {@code micro} runs with: the registry's variables unless a subclass goes another way. */
    Map<String, String> cliEnv() {
        return registryEnv();
    }

    @BeforeAll
    void startGreeters() {
        goGreeter = GoPeers.startGreeter(registryEnv(), "--name", goName);
        javaGreeter = NamedGreeterApplication.start(javaName, registryProperties());
    }

    @AfterAll
    void stopGreeters() {
        if (javaGreeter != null) {
            javaGreeter.close();
        }
        if (goGreeter != null) {
            goGreeter.close();
        }
    }

    MicroProcess.Outcome micro(String... args) {
        return MicroProcess.run(cliEnv(), args);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void listServicesPrintsBothGreetersAsTextAndJson() {
        MicroProcess.Outcome list = micro("list", "services");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout()).contains(javaName, goName);
        assertThat(micro("services").stdout()).contains(javaName, goName);
        MicroProcess.Outcome json = micro("list", "services", "--output", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        List<String> names = new ArrayList<>();
        json(json.out()).forEach(name -> names.add(name.asString()));
        assertThat(names).contains(javaName, goName);
    }

    @Test
    void getServiceShowsNodesAndEachEndpointsFields() {
        MicroProcess.Outcome java = micro("get", "service", javaName);
        assertThat(java.exitCode()).as(java.toString()).isZero();
        assertThat(java.out()).startsWith("service  " + javaName)
                .contains("version  latest", "Endpoint: Say.Hello", "  Request: HelloRequest", "    name string",
                        "  Response: HelloResponse", "    msg string", "Endpoint: Debug.Health");
        MicroProcess.Outcome go = micro("describe", "service", goName);
        assertThat(go.exitCode()).as(go.toString()).isZero();
        assertThat(go.out()).contains(goGreeter.address(), "Endpoint: Say.Hello", "    name string")
                .doesNotContain("Debug.Health");
        JsonNode json = json(micro("get", "service", goName, "--output=json").out());
        assertThat(json.get(0).get("name").asString()).isEqualTo(goName);
        assertThat(json.get(0).get("nodes").get(0).get("address").asString()).isEqualTo(goGreeter.address());
    }

    @Test
    void getServiceOfAnUnknownServiceIsA404() {
        MicroProcess.Outcome missing = micro("get", "service", "cli.nobody." + suffix);
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.stdout()).isEmpty();
        assertThat(json(missing.err()).get("code").asInt()).isEqualTo(404);
    }

    @Test
    void callAnswersFromTheJavaAndTheGoGreeter() {
        MicroProcess.Outcome java = micro("call", javaName, "Say.Hello", "{\"name\": \"John\"}");
        assertThat(java.exitCode()).as(java.toString()).isZero();
        assertThat(json(java.out()).get("msg").asString()).isEqualTo("Hello John");
        assertThat(java.out()).contains("\n"); // text output is indented
        MicroProcess.Outcome go = micro("call", goName, "Say.Hello", "{\"name\": \"John\"}", "--output", "raw");
        assertThat(go.exitCode()).as(go.toString()).isZero();
        assertThat(go.stdout()).containsExactly("{\"msg\":\"Hello John\"}");
        MicroProcess.Outcome json = micro("--output=json", "call", javaName, "Say.Hello", "{\"name\":\"Ann\"}");
        assertThat(json.stdout()).containsExactly("{\"msg\":\"Hello Ann\"}");
    }

    @Test
    void callWithAddressMetadataAndTimeoutReachesTheNodeGiven() {
        MicroProcess.Outcome meta = micro("call", "--address", goGreeter.address(), "--metadata", "X-Trace=abc",
                "--metadata", "X-User=ann", "--timeout", "4s", "--output", "json", goName, "Say.Meta",
                "{\"prefix\":\"x-\"}");
        assertThat(meta.exitCode()).as(meta.toString()).isZero();
        JsonNode metadata = json(meta.out()).get("metadata");
        assertThat(metadata.toString()).contains("abc", "ann");
        assertThat(json(meta.out()).get("deadlineMillis").asLong()).isBetween(1L, 4000L);
    }

    @Test
    void callOverJsonRpcAnswersToo() {
        MicroProcess.Outcome call = micro("call", "--content_type", "application/json-rpc", "--output", "json",
                goName, "Say.Hello", "{\"name\":\"Rpc\"}");
        assertThat(call.exitCode()).as(call.toString()).isZero();
        assertThat(json(call.out()).get("msg").asString()).isEqualTo("Hello Rpc");
    }

    @Test
    void streamPrintsEveryMessageOfTheGoAndTheJavaStreamUntilItEnds() {
        // go-micro's JSON codec writes a streamed message after Send returns, so messages sent back to back
        // can all carry the last one's content (its own greeter-client shows it too): 100 ms apart they do not
        MicroProcess.Outcome go = micro("stream", goName, "Say.Stream",
                "{\"name\":\"John\",\"count\":3,\"intervalMillis\":100}", "--output", "json");
        assertThat(go.exitCode()).as(go.toString()).isZero();
        assertThat(go.stdout()).extracting(line -> json(line).get("msg").asString())
                .containsExactly("Hello John 1", "Hello John 2", "Hello John 3");
        MicroProcess.Outcome java = micro("stream", javaName, "Say.Stream", "{\"name\":\"Ann\"}", "--output", "json");
        assertThat(java.exitCode()).as(java.toString()).isZero();
        assertThat(java.stdout()).extracting(line -> json(line).get("msg").asString())
                .containsExactly("Hello Ann 1", "Hello Ann 2", "Hello Ann 3");
        MicroProcess.Outcome unknown = micro("stream", "cli.nobody." + suffix, "Say.Stream");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(json(unknown.err()).get("code").asInt()).as(unknown.toString()).isIn(404, 503);
    }

    @Test
    void aServicesErrorExitsOneWithItsErrorJsonOnStderr() {
        MicroProcess.Outcome error = micro("call", goName, "Say.Error",
                "{\"id\":\"go.micro.srv.greeter\",\"code\":409,\"detail\":\"taken\"}");
        assertThat(error.exitCode()).isEqualTo(1);
        assertThat(error.stdout()).isEmpty();
        assertThat(error.stderr()).containsExactly(
                "{\"id\":\"go.micro.srv.greeter\",\"code\":409,\"detail\":\"taken\",\"status\":\"Conflict\"}");
    }

    @Test
    void badInputIsAGoMicroErrorNotAStackTrace() {
        MicroProcess.Outcome badJson = micro("call", javaName, "Say.Hello", "{name");
        assertThat(badJson.exitCode()).isEqualTo(1);
        assertThat(badJson.stderr()).hasSize(1);
        assertThat(json(badJson.err()).get("code").asInt()).isEqualTo(400);
        assertThat(json(badJson.err()).get("detail").asString()).startsWith("the request is not valid JSON");
        MicroProcess.Outcome unknown = micro("call", "cli.nobody." + suffix, "Say.Hello");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(json(unknown.err()).get("code").asInt()).as(unknown.toString()).isIn(404, 503);
        MicroProcess.Outcome usage = micro("call");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required parameters", "Usage: micro call");
    }

    @Test
    void healthReportsTheJavaNodeOkAndTheGoNodeReachableWithoutDebug() {
        MicroProcess.Outcome java = micro("health", javaName);
        assertThat(java.exitCode()).as(java.toString()).isZero();
        assertThat(java.stdout().get(0)).matches("NODE\\s+ADDRESS\\s+STATUS");
        assertThat(java.stdout().get(1)).endsWith("   ok");
        MicroProcess.Outcome go = micro("health", goName, "--output", "json");
        assertThat(go.exitCode()).as(go.toString()).isZero();
        JsonNode node = json(go.out()).get(0);
        assertThat(node.get("address").asString()).isEqualTo(goGreeter.address());
        assertThat(node.get("status").asString()).isEqualTo("reachable, no Debug service");
        assertThat(micro("health", goName).stdout().get(1)).endsWith("reachable, no Debug service");
    }

    @Test
    void statsReportsTheJvmFiguresOfTheJavaNode() {
        MicroProcess.Outcome text = micro("stats", javaName);
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout().get(0)).matches("NODE\\s+ADDRESS\\s+STARTED\\s+UPTIME\\s+MEMORY\\s+THREADS\\s+GC"
                + "\\s+REQUESTS\\s+ERRORS");
        JsonNode stats = json(micro("stats", javaName, "--output", "json").out()).get(0);
        assertThat(stats.get("started").asLong()).isPositive();
        assertThat(stats.get("threads").asLong()).isPositive();
        assertThat(stats.get("memory").asLong()).isPositive();
        assertThat(stats.get("requests").asLong()).isPositive();
        JsonNode go = json(micro("stats", goName, "--output", "json").out()).get(0);
        assertThat(go.get("status").asString()).isEqualTo("reachable, no Debug service");
    }

    @Test
    void publishReachesAGoSubscriber() {
        String topic = "cli.topic." + suffix;
        try (GoPeers.Peer subscriber = GoPeers.startSubscriber(registryEnv(), "--topic", topic)) {
            MicroProcess.Outcome publish = micro("publish", topic, "{\"name\":\"John\"}");
            assertThat(publish.exitCode()).as(publish.toString()).isZero();
            assertThat(publish.stdout()).containsExactly("published to " + topic);
            subscriber.process().awaitLine(Pattern.compile(".*John.*"), Duration.ofSeconds(20));
            JsonNode received = json(subscriber.output().get(0));
            assertThat(received.get("body").asString()).isEqualTo("{\"name\":\"John\"}");
            assertThat(received.get("header").get("Content-Type").asString()).isEqualTo("application/json");
            MicroProcess.Outcome json = micro("publish", topic, "{\"name\":\"Ann\"}", "--output", "json");
            assertThat(json(json.out()).get("published").asBoolean()).isTrue();
        }
    }

    /** A Java node announces itself and says goodbye, so even mDNS (which has no server) sees both. */
    @Test
    void registryWatchPrintsAServiceThatStartsAndStops() {
        String name = "cli.watched." + suffix;
        try (ExternalProcess watch = MicroProcess.start(cliEnv(), "registry", "watch", "--output", "json")) {
            watch.awaitLine(Pattern.compile("watching registry .*"), Duration.ofSeconds(60));
            try (ConfigurableApplicationContext watched = NamedGreeterApplication.start(name, registryProperties())) {
                String created = watch.awaitLine(Pattern.compile(".*\"create\".*" + Pattern.quote(name) + ".*"),
                        Duration.ofSeconds(30));
                JsonNode service = json(created).get("service");
                assertThat(service.get("nodes").get(0).get("address").asString()).startsWith("127.0.0.1:");
                assertThat(service.get("endpoints").toString()).contains("Say.Hello");
            }
            watch.awaitLine(Pattern.compile(".*\"delete\".*" + Pattern.quote(name) + ".*"), Duration.ofSeconds(30));
        }
    }
}
