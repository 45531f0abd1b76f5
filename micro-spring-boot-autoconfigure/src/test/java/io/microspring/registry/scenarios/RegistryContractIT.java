package io.microspring.registry.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.microspring.annotation.MicroHandler;
import io.microspring.codec.Codecs;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.RegistryEvent.Type;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;
import io.microspring.registry.Value;
import io.microspring.server.Handler;
import io.microspring.server.RpcServer;
import io.microspring.server.ServerSettings;
import io.microspring.testing.GoPeers;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;

/**
 * What every server-backed registry must do, run against the real server by a subclass: register,
 * look up, list, deregister; TTL expiry; watches; corrupt entries; unreachable servers; and the
 * same data as go-micro (a Go greeter is found, a Java node is called by the Go client).
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class RegistryContractIT {

    private static final Duration WATCH_LATENCY = Duration.ofSeconds(1);

    protected final String service = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Registry> registries = new CopyOnWriteArrayList<>();

    /** A new client of the server (each test closes its own). */
    protected abstract Registry connect();

    /** A client of an address where nothing listens. */
    protected abstract Registry connectToNothing(String address);

    /** Stores an entry under {@code service} that is not a go-micro node, as another program might. */
    protected abstract void putCorruptEntry(String service);

    /** go-micro's environment selecting this registry and server. */
    protected abstract Map<String, String> goEnvironment();

    /** How long after its TTL an expired node may still be found (Consul marks it critical on a timer). */
    protected Duration expiryMargin() {
        return Duration.ofSeconds(3);
    }

    protected Registry track(Registry registry) {
        registries.add(registry);
        return registry;
    }

    @AfterEach
    void closeRegistries() {
        registries.forEach(Registry::close);
    }

    @Test
    void registersLooksUpListsAndDeregisters() {
        Registry registry = track(connect());
        Service v1 = service("1.0.0", node("n1", "127.0.0.1:1001"), node("n2", "127.0.0.1:1002"));
        Service v2 = service("2.0.0", node("n3", "127.0.0.1:1003"));
        registry.register(v1, Duration.ofSeconds(30));
        registry.register(v2, Duration.ofSeconds(30));

        List<Service> found = track(connect()).getService(service);
        assertThat(found).hasSize(2);
        Service foundV1 = found.stream().filter(s -> s.version().equals("1.0.0")).findFirst().orElseThrow();
        assertThat(foundV1.endpoints()).isEqualTo(v1.endpoints());
        assertThat(foundV1.nodes()).containsExactlyInAnyOrderElementsOf(v1.nodes());
        assertThat(registry.listServices()).extracting(Service::name).contains(service);
        assertThat(registry.listServices()).allSatisfy(listed -> assertThat(listed.nodes()).isEmpty());

        registry.deregister(v1);
        assertThat(registry.getService(service)).singleElement()
                .satisfies(left -> assertThat(left.nodes()).extracting(Node::id).containsExactly(id("n3")));
        registry.deregister(v2);
        assertThat(registry.getService(service)).isEmpty();
    }

    @Test
    void aNodeWhoseRegistryIsGoneExpiresAfterItsTtl() {
        Registry crashed = connect();
        crashed.register(service("1.0.0", node("n1", "127.0.0.1:1001")), Duration.ofSeconds(2));
        Registry observer = track(connect());
        assertThat(observer.getService(service)).isNotEmpty();

        crashed.close(); // no deregistration: the heartbeat just stops, as when the process dies

        await().atMost(Duration.ofSeconds(2).plus(expiryMargin())).pollInterval(Duration.ofMillis(100))
                .until(() -> observer.getService(service).isEmpty());
    }

    @Test
    void aWatchReportsTheCurrentNodesThenEveryChangeWithinASecond() {
        Registry registry = track(connect());
        registry.register(service("1.0.0", node("n1", "127.0.0.1:1001")), Duration.ofSeconds(30));
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        Registry watcher = track(connect());
        watcher.watch(service, events::add);
        await().atMost(WATCH_LATENCY).until(() -> events.size() == 1);
        assertThat(events.get(0).type()).isEqualTo(Type.CREATE);

        Service second = service("1.0.0", node("n2", "127.0.0.1:1002"));
        registry.register(second, Duration.ofSeconds(30));
        await().atMost(WATCH_LATENCY).until(() -> events.size() == 2);
        assertThat(events.get(1)).satisfies(event -> {
            assertThat(event.type()).isEqualTo(Type.CREATE);
            assertThat(event.service()).isEqualTo(second);
        });

        registry.register(second, Duration.ofSeconds(30)); // a heartbeat: nothing changed
        registry.deregister(second);
        await().atMost(WATCH_LATENCY).until(() -> events.size() == 3);
        assertThat(events.get(2)).satisfies(event -> {
            assertThat(event.type()).isEqualTo(Type.DELETE);
            assertThat(event.service()).isEqualTo(second);
        });
    }

    @Test
    void aChangedNodeIsReportedAsUpdated() {
        Registry registry = track(connect());
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        track(connect()).watch(service, events::add);
        registry.register(service("1.0.0", node("n1", "127.0.0.1:1001")), Duration.ofSeconds(30));
        await().atMost(WATCH_LATENCY).until(() -> events.size() == 1);

        Node changed = new Node(id("n1"), "127.0.0.1:1001", Map.of("protocol", "mucp", "zone", "b"));
        registry.register(service("1.0.0", changed), Duration.ofSeconds(30));
        await().atMost(WATCH_LATENCY).until(() -> events.size() == 2);
        assertThat(events.get(1).type()).isEqualTo(Type.UPDATE);
        assertThat(events.get(1).service().nodes()).containsExactly(changed);
    }

    @Test
    void aCorruptEntryIsSkippedWithAWarningAndTheOtherNodesAreFound(CapturedOutput output) {
        Registry registry = track(connect());
        registry.register(service("1.0.0", node("good", "127.0.0.1:1001")), Duration.ofSeconds(30));
        putCorruptEntry(service);

        Registry reader = track(connect());
        assertThat(reader.getService(service)).singleElement()
                .satisfies(found -> assertThat(found.nodes()).extracting(Node::id).containsExactly(id("good")));
        assertThat(reader.listServices()).extracting(Service::name).contains(service);
        assertThat(output).contains("skipping").contains(service);
    }

    @Test
    void anUnreachableServerGivesAnErrorNamingItsAddress() {
        String nowhere = "127.0.0.1:" + io.microspring.testing.FreePorts.find();
        Registry registry = track(connectToNothing(nowhere));

        assertThatThrownBy(() -> registry.register(service("1.0.0", node("n1", "127.0.0.1:1001")),
                Duration.ofSeconds(30))).isInstanceOf(RegistryException.class).hasMessageContaining(nowhere);
        assertThatThrownBy(() -> registry.getService(service))
                .isInstanceOf(RegistryException.class).hasMessageContaining(nowhere);
    }

    @Test
    void aGoMicroGreeterIsFoundWithItsEndpointsAndMetadata() {
        String goService = service + ".go";
        try (GoPeers.Peer greeter = GoPeers.startGreeter(goEnvironment(), "--name", goService, "--version", "1.2.3",
                "--metadata", "zone=go")) {
            List<Service> found = track(connect()).getService(goService);
            assertThat(found).singleElement().satisfies(version -> {
                assertThat(version.version()).isEqualTo("1.2.3");
                assertThat(version.endpoints()).extracting(Endpoint::name).contains("Say.Hello", "Say.Meta");
                Endpoint hello = version.endpoints().stream().filter(e -> e.name().equals("Say.Hello")).findFirst()
                        .orElseThrow();
                assertThat(hello.request().name()).isEqualTo("HelloRequest");
                assertThat(hello.response().values()).extracting(Value::name).contains("msg");
                assertThat(version.nodes()).singleElement().satisfies(node -> {
                    assertThat(node.address()).isEqualTo(greeter.address());
                    assertThat(node.metadata()).containsEntry("protocol", "mucp").containsEntry("zone", "go");
                });
            });
        }
    }

    @Test
    void aJavaNodeIsListedAndCalledByTheGoMicroClient() {
        String javaService = service + ".java";
        Registry registry = track(connect());
        HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
        RpcServer server = new RpcServer(new ServerSettings(javaService, "3.0.0", "127.0.0.1:0", "",
                Map.of("zone", "java"), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(1), true, 2),
                transport, registry, Codecs.standard(), List.of(), "http");
        server.handle(Handler.of("Say", new Say(), Say.class));
        server.start();
        try {
            GoPeers.Result call = GoPeers.runClient(goEnvironment(), "--service", javaService, "--request",
                    "{\"name\":\"Go\"}");
            assertThat(call.exitCode()).as(call.toString()).isZero();
            assertThat(call.lastLine()).isEqualTo("{\"msg\":\"Hello Go\"}");

            GoPeers.Result list = GoPeers.runClient(goEnvironment(), "--list");
            assertThat(list.exitCode()).as(list.toString()).isZero();
            assertThat(list.lastLine()).contains("\"name\":\"" + javaService + "\"").contains("\"version\":\"3.0.0\"")
                    .contains("\"zone\":\"java\"").contains("\"name\":\"Say.Hello\"")
                    .contains("\"address\":\"" + server.service().nodes().get(0).address() + "\"");
        } finally {
            server.stop();
            transport.close();
        }
    }

    protected Service service(String version, Node... nodes) {
        return new Service(service, version, Map.of(),
                List.of(new Endpoint("Say.Hello", new Value("HelloRequest", "HelloRequest",
                        List.of(new Value("name", "string", null))), new Value("HelloResponse", "HelloResponse",
                                List.of(new Value("msg", "string", null))), Map.of("stream", "false"))),
                List.of(nodes));
    }

    /** A node whose id is unique to this test ({@code <service>-<id>}): Consul's instance ids are agent-wide. */
    protected Node node(String id, String address) {
        return new Node(id(id), address, Map.of("protocol", "mucp", "zone", "a"));
    }

    protected String id(String id) {
        return service + "-" + id;
    }

    /** The greeter's request and response, as JSON. */
    public record HelloRequest(String name) {
    }

    /** The greeter's response. */
    public record HelloResponse(String msg) {
    }

    /** A Java greeter with go-micro's {@code Say.Hello}. */
    public static final class Say {
        @MicroHandler
        public HelloResponse hello(HelloRequest request) {
            return new HelloResponse("Hello " + request.name());
        }
    }
}
