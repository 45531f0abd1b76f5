package io.microspring.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.testing.GoPeers;
import io.microspring.testing.TestTools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link MdnsRegistry} and go-micro v5's own mDNS registry find each other: a go-micro
 * {@code greeter-srv} is found with its endpoints and watched, and a node we register is listed by
 * {@code greeter-client --list}.
 *
 * <p>go-micro sends its multicasts through the default route and joins the group on every
 * interface, so on this machine its packets would leave through the real network. Hence everything
 * runs in a private network namespace ({@code unshare --net}, which needs root) whose only
 * interface is loopback, with the multicast route go-micro needs:
 * {@code ip route add 224.0.0.0/4 dev lo}. Our side runs there too, as {@link MdnsGoInteropMain}.
 */
class MdnsGoInteropIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NETNS_SETUP = "ip link set lo up && ip route add 224.0.0.0/4 dev lo && exec \"$@\"";

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String goService = "go.micro.srv.interop-" + suffix;
    private final String javaService = "java.interop-" + suffix;

    @Test
    void findsGoMicroNodesAndIsFoundByGoMicro() {
        Path greeterSrv = GoPeers.binary("greeter-srv");
        Path greeterClient = GoPeers.binary("greeter-client");
        List<String> command = new ArrayList<>(List.of(TestTools.require("unshare").toString(), "--net", "--",
                "/bin/sh", "-c", NETNS_SETUP, "netns"));
        command.addAll(PeerProcess.java(MdnsGoInteropMain.class, greeterSrv.toString(), greeterClient.toString(),
                goService, javaService));

        try (PeerProcess scenario = PeerProcess.start("mdns-go-interop", command)) {
            String address = scenario.awaitLine("GO_READY ", Duration.ofSeconds(60)).substring(9);
            assertThat(address).as("greeter-srv's address (see %s)", scenario).startsWith("127.0.0.1:");

            // announced by go-micro's mdns server, heard by our watch
            Service created = service(scenario.awaitLine("EVENT ", Duration.ofSeconds(10)), "EVENT CREATE ");
            assertThat(created.name()).isEqualTo(goService);
            assertThat(created.nodes()).singleElement().satisfies(node -> assertGoNode(node, address));

            // answered by go-micro's mdns server
            List<Service> found = List.of(JSON.readValue(scenario.awaitLine("GET ", Duration.ofSeconds(10))
                    .substring(4), Service[].class));
            assertThat(found).singleElement().satisfies(version -> {
                assertThat(version.version()).isEqualTo("1.2.3");
                assertThat(version.endpoints()).extracting(Endpoint::name)
                        .contains("Say.Hello", "Say.Meta", "Say.Sleep", "Say.Error", "Say.Stream");
                Endpoint hello = version.endpoints().stream().filter(e -> e.name().equals("Say.Hello")).findFirst()
                        .orElseThrow();
                assertThat(hello.request().name()).isEqualTo("HelloRequest");
                assertThat(hello.response().name()).isEqualTo("HelloResponse");
                assertThat(version.nodes()).singleElement().satisfies(node -> assertGoNode(node, address));
            });
            List<Service> listed = List.of(JSON.readValue(scenario.awaitLine("LIST ", Duration.ofSeconds(10))
                    .substring(5), Service[].class));
            assertThat(listed).extracting(Service::name).contains(goService);

            // our node, as go-micro's GetService and ListServices read it
            JsonNode goList = JSON.readTree(scenario.awaitLine("GO_LIST ", Duration.ofSeconds(60)).substring(8));
            JsonNode ours = null;
            for (JsonNode entry : goList) {
                if (entry.path("name").asString("").equals(javaService)) {
                    ours = entry;
                }
            }
            assertThat(ours).as("our service in greeter-client --list: %s", goList).isNotNull();
            Service template = MdnsGoInteropMain.JAVA_NODE_TEMPLATE;
            assertThat(ours.path("version").asString()).isEqualTo(template.version());
            assertThat(ours.path("endpoints").get(0).path("name").asString()).isEqualTo("Java.Echo");
            assertThat(ours.path("endpoints").get(0).path("request").path("values").get(0).path("name").asString())
                    .isEqualTo("text");
            JsonNode node = ours.path("nodes").get(0);
            assertThat(node.path("id").asString()).isEqualTo("java-1");
            assertThat(node.path("address").asString()).isEqualTo("127.0.0.1:19100");
            assertThat(node.path("metadata").path("origin").asString()).isEqualTo("java");

            // go-micro's goodbye when greeter-srv stops
            Service deleted = service(scenario.awaitLine("EVENT ", Duration.ofSeconds(30)), "EVENT DELETE ");
            assertThat(deleted.nodes()).extracting(Node::id).isEqualTo(created.nodes().stream().map(Node::id).toList());

            scenario.awaitLine("DONE", Duration.ofSeconds(10));
        }
    }

    private void assertGoNode(Node node, String address) {
        assertThat(node.id()).startsWith(goService + "-");
        assertThat(node.address()).isEqualTo(address);
        assertThat(node.metadata()).containsEntry("origin", "go").containsEntry("protocol", "mucp")
                .containsEntry("registry", "mdns");
    }

    private static Service service(String line, String expectedPrefix) {
        assertThat(line).startsWith(expectedPrefix);
        return JSON.readValue(line.substring(expectedPrefix.length()), Service.class);
    }
}
