package io.microspring.registry.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.Service;
import io.microspring.registry.scenarios.RegistryContractIT;
import io.microspring.testing.ConsulServer;
import io.microspring.testing.ExternalServer;
import io.microspring.testing.GoPeers;

/** {@link ConsulRegistry} against a real Consul dev agent. */
class ConsulRegistryIT extends RegistryContractIT {

    @RegisterExtension
    static final ConsulServer consul = new ConsulServer();

    @Override
    protected Registry connect() {
        return new ConsulRegistry(ConsulSettings.of(consul.address()));
    }

    @Override
    protected Registry connectToNothing(String address) {
        return new ConsulRegistry(new ConsulSettings(address, "", "", Duration.ofSeconds(2),
                ConsulSettings.DEFAULT_WATCH_WAIT, ConsulSettings.DEFAULT_RESTART_GRACE, null));
    }

    @Override
    protected void putCorruptEntry(String service) {
        agentPut("/v1/agent/service/register", "{\"ID\":\"" + service + "-corrupt\",\"Name\":\"" + service
                + "\",\"Address\":\"127.0.0.1\",\"Port\":1,\"Tags\":[\"e-not-hex\",\"v-789c\"]}");
    }

    @Override
    protected Map<String, String> goEnvironment() {
        return GoPeers.registryEnv("consul", consul.address());
    }

    @Override
    protected Duration expiryMargin() {
        return Duration.ofSeconds(4); // the agent turns an expired TTL check critical on its own timer
    }

    @Test
    void aNodeIsRegisteredWithGoMicrosTtlCheckAndMeta() {
        Registry registry = track(connect());
        registry.register(service("1.0.0", node("n1", "127.0.0.1:1001")), Duration.ofSeconds(6));

        String services = ExternalServer.httpGet(consul.httpUrl() + "/v1/agent/services");
        assertThat(services).contains("\"" + id("n1") + "\"").contains("\"zone\": \"a\"").contains("\"t-789c").contains("\"e-789c")
                .contains("\"v-789c");
        String checks = ExternalServer.httpGet(consul.httpUrl() + "/v1/agent/checks");
        assertThat(checks).contains("\"CheckID\": \"service:" + id("n1") + "\"").contains("\"Status\": \"passing\"");
    }

    @Test
    void anInstanceWithoutGoMicroTagsIsFoundWithItsMeta() {
        agentPut("/v1/agent/service/register", "{\"ID\":\"" + id("plain") + "\",\"Name\":\"" + service
                + "\",\"Address\":\"127.0.0.1\",\"Port\":2,\"Meta\":{\"zone\":\"plain\"}}");

        assertThat(track(connect()).getService(service)).singleElement().satisfies(found -> {
            assertThat(found.version()).isEmpty();
            assertThat(found.nodes()).containsExactly(new Node(id("plain"), "127.0.0.1:2", Map.of("zone", "plain")));
        });
    }

    @Test
    void aHeartbeatRegistersTheNodeAgainWhenTheAgentForgotIt() {
        Registry registry = track(connect());
        Service registered = service("1.0.0", node("n1", "127.0.0.1:1001"));
        registry.register(registered, Duration.ofSeconds(30));
        agentPut("/v1/agent/service/deregister/" + id("n1"), ""); // as if the agent had restarted empty

        registry.register(registered, Duration.ofSeconds(30)); // the next heartbeat

        assertThat(track(connect()).getService(service)).singleElement()
                .satisfies(found -> assertThat(found.nodes()).extracting(Node::id).containsExactly(id("n1")));
    }

    @Test
    void aWatchOfEveryServiceSeesNodesComeAndGo() {
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        track(connect()).watch(null, event -> {
            if (event.service().name().equals(service)) {
                events.add(event);
            }
        });
        Registry registry = track(connect());
        Service node = service("1.0.0", node("n1", "127.0.0.1:1001"));
        registry.register(node, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(1)).until(() -> events.size() == 1);
        registry.deregister(node);
        await().atMost(Duration.ofSeconds(1)).until(() -> events.size() == 2);
        assertThat(events).extracting(RegistryEvent::type)
                .containsExactly(RegistryEvent.Type.CREATE, RegistryEvent.Type.DELETE);
    }

    private static void agentPut(String path, String body) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(consul.httpUrl() + path))
                            .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
