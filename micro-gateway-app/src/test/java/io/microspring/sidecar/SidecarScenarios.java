package io.microspring.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.gatewaytest.Http;
import io.microspring.gatewaytest.sidecar.SidecarPeerApplication;
import io.microspring.gatewaytest.sidecar.SidecarPeerApplication.Note;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.FreePorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sidecar proven with real programs in other languages, all separate processes over one
 * registry: the Python sample ({@code samples/sidecar/python/app.py}, service
 * {@code go.micro.srv.py}) registered by its sidecar ({@code micro sidecar --server_name ...}) while
 * its health check passes, and the Node sample ({@code samples/sidecar/node/app.mjs},
 * {@code go.micro.srv.node}) registering itself through its sidecar's {@code POST /registry}. The
 * Java side ({@link SidecarPeerApplication}: greeter and subscriber) runs in this JVM; the sidecars
 * and a gateway ({@code micro api --handler=rpc --namespace=go.micro.srv}) are the {@code micro}
 * jar run by its launcher.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SidecarScenarios {

    /** How often the Python app's sidecar checks its health (and registers it again). */
    static final Duration HEALTH_INTERVAL = Duration.ofSeconds(2);

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final CallOptions AS_JSON = CallOptions.builder().contentType("application/json").build();
    private static final Duration STARTUP = Duration.ofSeconds(120);

    ConfigurableApplicationContext peer;
    MicroClient client;
    ExternalProcess gateway;
    ExternalProcess pySidecar;
    ExternalProcess nodeSidecar;
    ExternalProcess python;
    ExternalProcess node;
    int pyPort;
    int nodePort;
    int pySidecarPort;
    int nodeSidecarPort;
    int gatewayPort;

    /** go-micro flags choosing the registry for the {@code micro} launcher. */
    abstract List<String> registryFlags();

    /** The same registry as Spring properties ({@code micro.registry=etcd}), for the apps in this JVM. */
    abstract List<String> registryProperties();

    @BeforeAll
    void start() {
        SidecarPeerApplication.RECEIVED.clear();
        int[] ports = FreePorts.find(5);
        pyPort = ports[0];
        nodePort = ports[1];
        pySidecarPort = ports[2];
        nodeSidecarPort = ports[3];
        gatewayPort = ports[4];
        pySidecar = micro("sidecar-py", "--register_interval=" + HEALTH_INTERVAL.toSeconds() + "s",
                "--register_ttl=10s", "sidecar", "--address=127.0.0.1:" + pySidecarPort,
                "--server_name=go.micro.srv.py", "--server_address=127.0.0.1:" + pyPort,
                "--healthcheck_url=http://127.0.0.1:" + pyPort + "/health", "--endpoints=Py.Hello,Py.Greet,Py.Publish");
        nodeSidecar = micro("sidecar-node", "sidecar", "--address=127.0.0.1:" + nodeSidecarPort);
        gateway = micro("gateway", "api", "--address=127.0.0.1:" + gatewayPort, "--handler=rpc",
                "--namespace=go.micro.srv");
        peer = peer();
        client = peer.getBean(MicroClient.class);
        awaitStarted(pySidecar, pySidecarPort);
        awaitStarted(nodeSidecar, nodeSidecarPort);
        awaitStarted(gateway, gatewayPort);
        python = startPython();
        node = startNode();
        awaitRegistered("go.micro.srv.py");
        awaitRegistered("go.micro.srv.node");
    }

    @AfterAll
    void stop() {
        for (ExternalProcess process : new ExternalProcess[] {node, python, gateway, nodeSidecar, pySidecar}) {
            if (process != null) {
                process.stop();
            }
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    @Order(1)
    void theJavaClientCallsThePythonApp() {
        assertThat(client.callBlocking("go.micro.srv.py", "Py.Hello", Map.of("name", "Java"), Map.class, AS_JSON))
                .isEqualTo(Map.of("msg", "Hello Java from Python"));
    }

    @Test
    @Order(1)
    void theJavaClientCallsTheNodeApp() {
        assertThat(client.callBlocking("go.micro.srv.node", "Node.Hello", Map.of("name", "Java"), Map.class, AS_JSON))
                .isEqualTo(Map.of("msg", "Hello Java from Node"));
    }

    @Test
    @Order(1)
    void theGatewayCallsThePythonAndNodeApps() {
        HttpResponse<String> fromPython = Http.post(gatewayUrl("/py/hello"), "application/json",
                "{\"name\":\"Gate\"}");
        assertThat(fromPython.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fromPython.body())).isEqualTo(JSON.readTree("{\"msg\":\"Hello Gate from Python\"}"));
        HttpResponse<String> fromNode = Http.get(gatewayUrl("/node/hello?name=Way"));
        assertThat(fromNode.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fromNode.body())).isEqualTo(JSON.readTree("{\"msg\":\"Hello Way from Node\"}"));
    }

    @Test
    @Order(1)
    void anAppsErrorReachesTheCallerWithItsCode() {
        HttpResponse<String> response = Http.post(sidecarUrl(nodeSidecarPort, "/rpc"), "application/json",
                "{\"service\":\"go.micro.srv.node\",\"endpoint\":\"Node.Nope\",\"request\":{}}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"id\":\"go.micro.srv.node\",\"code\":404,"
                + "\"detail\":\"unknown endpoint Node.Nope\",\"status\":\"Not Found\"}");
    }

    @Test
    @Order(1)
    void thePythonAppCallsTheJavaGreeterThroughItsSidecarsRpc() {
        assertThat(client.callBlocking("go.micro.srv.py", "Py.Greet", Map.of("name", "Ann"), Map.class, AS_JSON))
                .isEqualTo(Map.of("msg", "Hello Ann"));
    }

    @Test
    @Order(1)
    void theSidecarsPathsCallServicesOfItsNamespace() {
        HttpResponse<String> response = Http.post(sidecarUrl(nodeSidecarPort, "/greeter/say/hello"),
                "application/json", "{\"name\":\"Path\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"msg\":\"Hello Path\"}"));
        HttpResponse<String> unknown = Http.get(sidecarUrl(nodeSidecarPort, "/nobody/say/hello"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"id\":\"go.micro.sidecar\",\"code\":404,\"detail\":\"path "
                + "/nobody/say/hello resolves to service go.micro.srv.nobody, which is not registered (namespace "
                + "go.micro.srv)\",\"status\":\"Not Found\"}");
    }

    @Test
    @Order(1)
    void aJavaPublisherReachesThePythonAndNodeSubscribers() {
        String text = "to the subscribers " + UUID.randomUUID();
        // the sidecars subscribe once the websocket is open: publish until the subscription is in place
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            client.publish("go.micro.topic.to-py", new Note(text)).block();
            client.publish("go.micro.topic.to-node", new Note(text)).block();
            assertThat(python.stdout()).contains("RECEIVED {\"text\": \"" + text + "\"}");
            assertThat(node.stdout()).contains("RECEIVED {\"text\":\"" + text + "\"}");
        });
    }

    @Test
    @Order(1)
    void thePythonAppPublishesToTheJavaSubscriberThroughPostBroker() throws InterruptedException {
        client.callBlocking("go.micro.srv.py", "Py.Publish", Map.of("topic", SidecarPeerApplication.TOPIC,
                "message", Map.of("text", "from Python")), Map.class, AS_JSON);
        assertThat(receivedNote("from Python")).isTrue();
    }

    @Test
    @Order(1)
    void theNodeAppPublishesToTheJavaSubscriberThroughAWebsocketFrame() throws InterruptedException {
        client.callBlocking("go.micro.srv.node", "Node.Publish", Map.of("topic", SidecarPeerApplication.TOPIC,
                "message", Map.of("text", "from Node")), Map.class, AS_JSON);
        assertThat(receivedNote("from Node")).isTrue();
    }

    @Test
    @Order(1)
    void theRegistryShowsThePythonAppWithItsEndpointsAndMucpNode() {
        HttpResponse<String> response = Http.get(sidecarUrl(nodeSidecarPort, "/registry?service=go.micro.srv.py"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode versions = JSON.readTree(response.body());
        assertThat(versions).hasSize(1);
        JsonNode version = versions.get(0);
        assertThat(version.get("name").asString()).isEqualTo("go.micro.srv.py");
        assertThat(version.get("endpoints").findValuesAsString("name")).containsExactly("Py.Hello", "Py.Greet",
                "Py.Publish");
        JsonNode node = version.get("nodes").get(0);
        assertThat(node.get("address").asString()).isEqualTo("127.0.0.1:" + pyPort);
        assertThat(node.get("metadata").get("protocol").asString()).isEqualTo("mucp");
        HttpResponse<String> list = Http.get(sidecarUrl(nodeSidecarPort, "/registry"));
        assertThat(JSON.readTree(list.body()).findValuesAsString("name")).contains("go.micro.srv.py",
                "go.micro.srv.node", "go.micro.srv.greeter");
        HttpResponse<String> unknown = Http.get(sidecarUrl(nodeSidecarPort, "/registry?service=go.micro.srv.nobody"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"id\":\"go.micro.sidecar\",\"code\":404,"
                + "\"detail\":\"service go.micro.srv.nobody is not registered\",\"status\":\"Not Found\"}");
    }

    @Test
    @Order(1)
    void theRegistryWatchReportsAServiceRegisteredAndDeregisteredOverHttp() throws Exception {
        String name = "go.micro.srv.watched-" + UUID.randomUUID().toString().substring(0, 8);
        String entry = "{\"name\":\"" + name + "\",\"version\":\"1.0\",\"nodes\":[{\"id\":\"" + name
                + "-1\",\"address\":\"127.0.0.1:1\",\"metadata\":{\"protocol\":\"mucp\"}}]}";
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = Http.client().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + nodeSidecarPort + "/registry?service=" + name),
                        new Collector(frames))
                .get(10, TimeUnit.SECONDS);
        try {
            // the watch starts right after the upgrade: register until it reports
            JsonNode created = null;
            for (int attempt = 0; attempt < 10 && created == null; attempt++) {
                assertThat(Http.post(sidecarUrl(nodeSidecarPort, "/registry?ttl=30s"), "application/json", entry)
                        .statusCode()).isEqualTo(200);
                String frame = frames.poll(2, TimeUnit.SECONDS);
                created = frame == null ? null : JSON.readTree(frame);
            }
            assertThat(created).as("a create event").isNotNull();
            assertThat(created.get("action").asString()).isIn("create", "update");
            assertThat(created.get("service").get("name").asString()).isEqualTo(name);
            assertThat(created.get("service").get("nodes").get(0).get("address").asString()).isEqualTo("127.0.0.1:1");

            assertThat(Http.send(Http.request(sidecarUrl(nodeSidecarPort, "/registry"))
                    .header("Content-Type", "application/json")
                    .method("DELETE", HttpRequest.BodyPublishers.ofString(entry)).build()).statusCode())
                    .isEqualTo(200);
            JsonNode deleted = null;
            for (String frame; deleted == null && (frame = frames.poll(10, TimeUnit.SECONDS)) != null;) {
                JsonNode event = JSON.readTree(frame);
                deleted = event.get("action").asString().equals("delete") ? event : null;
            }
            assertThat(deleted).as("a delete event").isNotNull();
            assertThat(deleted.get("service").get("name").asString()).isEqualTo(name);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    @Test
    @Order(1)
    void badRequestsGetGoMicroErrors() {
        HttpResponse<String> register = Http.post(sidecarUrl(nodeSidecarPort, "/registry"), "application/json",
                "{\"name\":\"x\"}");
        assertThat(register.statusCode()).isEqualTo(400);
        assertThat(register.body()).isEqualTo("{\"id\":\"go.micro.sidecar\",\"code\":400,"
                + "\"detail\":\"service x needs nodes, each with an id and an address\",\"status\":\"Bad Request\"}");
        HttpResponse<String> ttl = Http.post(sidecarUrl(nodeSidecarPort, "/registry?ttl=soon"), "application/json",
                "{}");
        assertThat(ttl.statusCode()).isEqualTo(400);
        assertThat(ttl.body()).contains("'soon' is not a duration");
        HttpResponse<String> publish = Http.post(sidecarUrl(nodeSidecarPort, "/broker"), "application/json", "{}");
        assertThat(publish.statusCode()).isEqualTo(400);
        assertThat(publish.body()).isEqualTo("{\"id\":\"go.micro.sidecar\",\"code\":400,"
                + "\"detail\":\"topic is missing: /broker?topic=T\",\"status\":\"Bad Request\"}");
    }

    @Test
    @Order(1)
    void healthIsTheAppsHealthCheck() {
        HttpResponse<String> health = Http.get(sidecarUrl(pySidecarPort, "/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok");
    }

    /** Last: the Python app dies and comes back. */
    @Test
    @Order(2)
    void aKilledAppLeavesTheRegistryWithinOneHealthIntervalAndComesBackWhenRestarted() {
        python.kill();
        // one interval until the failing check, plus the check and the registry's propagation
        await().atMost(HEALTH_INTERVAL.plusSeconds(2)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(Http.get(sidecarUrl(nodeSidecarPort, "/registry?service=go.micro.srv.py")).statusCode())
                        .isEqualTo(404));
        HttpResponse<String> health = Http.get(sidecarUrl(pySidecarPort, "/health"));
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).startsWith("{\"id\":\"go.micro.sidecar\",\"code\":503,"
                + "\"detail\":\"the app does not answer its health check");

        python = startPython();
        awaitRegistered("go.micro.srv.py");
        assertThat(client.callBlocking("go.micro.srv.py", "Py.Hello", Map.of("name", "again"), Map.class, AS_JSON))
                .isEqualTo(Map.of("msg", "Hello again from Python"));
    }

    /** After the restart: the sidecar deregisters the app when it stops, not when the TTL runs out. */
    @Test
    @Order(3)
    void aStoppingSidecarDeregistersItsApp() {
        long deregisteredBefore = deregistrationsOfPython();
        pySidecar.stop();
        assertThat(pySidecar.exitCode()).as("exit code of a sidecar stopped by SIGTERM").hasValue(143);
        assertThat(deregistrationsOfPython()).isEqualTo(deregisteredBefore + 1);
        // well before the registration's TTL (10s) would have run out
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(Http.get(sidecarUrl(nodeSidecarPort, "/registry?service=go.micro.srv.py")).statusCode())
                        .isEqualTo(404));
    }

    private long deregistrationsOfPython() {
        return pySidecar.stdout().stream().filter(line -> line.contains("Deregistered node go.micro.srv.py-")).count();
    }

    String sidecarUrl(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String gatewayUrl(String path) {
        return "http://127.0.0.1:" + gatewayPort + path;
    }

    private boolean receivedNote(String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Note note;
        while ((note = SidecarPeerApplication.RECEIVED.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            if (note.text().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private void awaitRegistered(String service) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(Http.get(sidecarUrl(nodeSidecarPort, "/registry?service=" + service)).statusCode())
                        .isEqualTo(200));
    }

    private ExternalProcess micro(String name, String... args) {
        List<String> all = new ArrayList<>(registryFlags());
        all.addAll(List.of(args));
        return ExternalProcess.builder(name, Path.of("micro").toAbsolutePath())
                .args(all)
                .stopTimeout(Duration.ofSeconds(30))
                .start();
    }

    private static void awaitStarted(ExternalProcess micro, int port) {
        try {
            micro.awaitLine(Pattern.compile("Netty started on port " + port), STARTUP);
        } catch (RuntimeException e) {
            micro.kill();
            throw e;
        }
    }

    private ExternalProcess startPython() {
        Path app = sample("python/app.py");
        ExternalProcess process = ExternalProcess.builder("python-app", "python3")
                .args(app.toString(), "--port", Integer.toString(pyPort), "--sidecar",
                        sidecarUrl(pySidecarPort, ""), "--topic", "go.micro.topic.to-py")
                .start();
        process.awaitLine(Pattern.compile("^READY$"), Duration.ofSeconds(30));
        return process;
    }

    private ExternalProcess startNode() {
        List<String> args = new ArrayList<>();
        if (nodeMajorVersion() < 22) {
            args.add("--experimental-websocket");
        }
        args.addAll(List.of(sample("node/app.mjs").toString(), "--port", Integer.toString(nodePort), "--sidecar",
                sidecarUrl(nodeSidecarPort, ""), "--topic", "go.micro.topic.to-node"));
        ExternalProcess process = ExternalProcess.builder("node-app", "node").args(args).start();
        process.awaitLine(Pattern.compile("^READY$"), Duration.ofSeconds(30));
        return process;
    }

    /** Node's major version: WebSocket is built in from 22, behind a flag in 20 and 21. */
    private static int nodeMajorVersion() {
        ExternalProcess version = ExternalProcess.builder("node-version", "node").args("--version").start();
        assertThat(version.waitFor(Duration.ofSeconds(30))).isZero();
        String text = version.stdout().get(0);
        return Integer.parseInt(text.substring(1, text.indexOf('.')));
    }

    private static Path sample(String file) {
        Path path = Path.of("..", "samples", "sidecar", file).toAbsolutePath().normalize();
        assertThat(Files.isRegularFile(path)).as("the sample %s", path).isTrue();
        return path;
    }

    private ConfigurableApplicationContext peer() {
        List<String> args = new ArrayList<>(List.of("--micro.server-address=127.0.0.1:0",
                "--spring.main.banner-mode=off"));
        registryProperties().forEach(property -> args.add("--" + property));
        return new SpringApplicationBuilder(SidecarPeerApplication.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    /** Keeps the text messages a websocket receives. */
    private static final class Collector implements WebSocket.Listener {

        private final BlockingQueue<String> messages;
        private final StringBuilder partial = new StringBuilder();

        Collector(BlockingQueue<String> messages) {
            this.messages = messages;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
