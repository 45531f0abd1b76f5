package io.microspring.samples.greeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.testing.ConsulServer;
import io.microspring.testing.EtcdServer;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.NatsServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The greeter jar as built, started with the seed's registry settings (go-micro's environment
 * variables or flags) against a real etcd, a real Consul agent and a real NATS server: it registers
 * in go-micro's layout, and a node killed with SIGKILL (no deregistration) drops out within its
 * register TTL.
 */
class GreeterRegistryIT {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    @RegisterExtension
    static final ConsulServer consul = new ConsulServer();

    @RegisterExtension
    static final NatsServer nats = new NatsServer();

    private static final String SERVICE = GreeterJar.SERVICE;
    private static final Duration TTL = Duration.ofSeconds(5);
    /** How long past the TTL the registry may take to notice: its expiry sweep and this test's polling. */
    private static final Duration EXPIRY_SLACK = Duration.ofSeconds(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void whenStartedWithTheSeedsEtcdVariablesThenItRegistersInGoMicrosLayoutAndExpiresWithinTheTtlAfterSigkill() {
        try (ExternalProcess greeter = startGreeter(Map.of("MICRO_REGISTRY", "etcd",
                "MICRO_REGISTRY_ADDRESS", etcd.address(), "MICRO_REGISTER_TTL", "5s",
                "MICRO_REGISTER_INTERVAL", "2s"))) {
            assertRegisteredInEtcdAndExpiresAfterSigkill(greeter, "http");
        }
    }

    @Test
    void whenStartedWithGoMicroFlagsForEtcdAndNatsThenItRegistersInGoMicrosLayoutAndExpiresWithinTheTtlAfterSigkill() {
        try (ExternalProcess greeter = startGreeter(Map.of(), "--registry=etcd",
                "--registry_address=" + etcd.address(), "--register_ttl=5s", "--register_interval", "2s",
                "--broker=nats", "--broker_address=" + nats.url())) {
            assertRegisteredInEtcdAndExpiresAfterSigkill(greeter, "nats");
        }
    }

    @Test
    void whenStartedWithConsulFlagsThenItRegistersWithGoMicrosTagsAndItsCheckGoesCriticalWithinTheTtlAfterSigkill() {
        try (ExternalProcess greeter = startGreeter(Map.of(), "--registry=consul",
                "--registry_address=" + consul.address(), "--register_ttl=5s", "--register_interval=2s")) {
            MatchResult registered = GreeterJar.awaitRegistered(greeter, "consul");
            String nodeId = registered.group(1);

            JsonNode instance = consulGet("/v1/agent/services").get(nodeId);
            assertThat(instance).as("agent service " + nodeId).isNotNull();
            assertThat(instance.get("Service").asString()).isEqualTo(SERVICE);
            assertThat(instance.get("Address").asString() + ":" + instance.get("Port").asInt())
                    .isEqualTo(registered.group(2));
            List<String> tags = instance.get("Tags").valueStream().map(JsonNode::asString).toList();
            assertThat(tags).anyMatch(tag -> tag.startsWith("v-")).anyMatch(tag -> tag.startsWith("e-"))
                    .anyMatch(tag -> tag.startsWith("t-"));
            assertThat(instance.get("Meta").get("registry").asString()).isEqualTo("consul");
            assertThat(checkStatus(nodeId)).isEqualTo("passing");
            assertThat(consulGet("/v1/health/service/" + SERVICE + "?passing=true")).hasSize(1);

            greeter.kill();
            await().atMost(TTL.plus(EXPIRY_SLACK)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(checkStatus(nodeId)).isEqualTo("critical"));
            assertThat(consulGet("/v1/health/service/" + SERVICE + "?passing=true")).isEmpty();
        }
    }

    private static void assertRegisteredInEtcdAndExpiresAfterSigkill(ExternalProcess greeter, String broker) {
        MatchResult registered = GreeterJar.awaitRegistered(greeter, "etcd");
        String key = "/micro/registry/" + SERVICE + "/" + registered.group(1);

        JsonNode entry = etcdRange(key);
        assertThat(entry).as("etcd key " + key).isNotNull();
        assertThat(entry.get("lease").asLong()).as("lease of " + key).isNotZero();
        JsonNode service = JSON.readTree(Base64.getDecoder().decode(entry.get("value").asString()));
        assertThat(service.get("name").asString()).isEqualTo(SERVICE);
        assertThat(service.get("version").asString()).isEqualTo("latest");
        assertThat(service.get("nodes")).hasSize(1);
        assertThat(service.get("nodes").get(0).get("id").asString()).isEqualTo(registered.group(1));
        assertThat(service.get("nodes").get(0).get("address").asString()).isEqualTo(registered.group(2));
        assertThat(service.get("nodes").get(0).get("metadata").get("registry").asString()).isEqualTo("etcd");
        assertThat(service.get("nodes").get(0).get("metadata").get("broker").asString()).isEqualTo(broker);
        assertThat(service.get("endpoints").valueStream().map(endpoint -> endpoint.get("name").asString()))
                .contains("Say.Hello");

        greeter.kill();
        await().atMost(TTL.plus(EXPIRY_SLACK)).pollInterval(Duration.ofMillis(200))
                .until(() -> etcdRange(key) == null);
    }

    private static ExternalProcess startGreeter(Map<String, String> env, String... args) {
        return GreeterJar.command("greeter")
                .args("--server.port=0")
                .args(args)
                .env(env)
                .start();
    }

    /** The key-value of {@code key} through etcd's JSON gateway, or {@code null} when there is none. */
    private static JsonNode etcdRange(String key) {
        String body = "{\"key\":\"" + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)) + "\"}";
        JsonNode kvs = JSON.readTree(send(HttpRequest.newBuilder(URI.create(etcd.endpoint() + "/v3/kv/range"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build())).get("kvs");
        return kvs == null || kvs.isEmpty() ? null : kvs.get(0);
    }

    private static JsonNode consulGet(String path) {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(consul.httpUrl() + path)).GET().build()));
    }

    /** The status of the node's TTL check. */
    private static String checkStatus(String nodeId) {
        return consulGet("/v1/health/checks/" + SERVICE).valueStream()
                .filter(check -> check.get("ServiceID").asString().equals(nodeId))
                .map(check -> check.get("Status").asString())
                .findFirst().orElse("none");
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(request.uri() + " answered " + response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
