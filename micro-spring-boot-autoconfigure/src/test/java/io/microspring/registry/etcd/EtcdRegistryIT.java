package io.microspring.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.registry.Registry;
import io.microspring.registry.scenarios.RegistryContractIT;
import io.microspring.testing.EtcdServer;
import io.microspring.testing.GoPeers;

/** {@link EtcdRegistry} against a real etcd. */
class EtcdRegistryIT extends RegistryContractIT {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    @Override
    protected Registry connect() {
        return new EtcdRegistry(EtcdSettings.of(List.of(etcd.address())));
    }

    @Override
    protected Registry connectToNothing(String address) {
        return new EtcdRegistry(new EtcdSettings(List.of(address), "", "", Duration.ofSeconds(2), null));
    }

    @Override
    protected void putCorruptEntry(String service) {
        put(EtcdEntries.servicePrefix(service) + "not-json", "{not json");
        put(EtcdEntries.servicePrefix(service) + "foreign", "{\"owner\":\"another program\"}");
    }

    @Override
    protected Map<String, String> goEnvironment() {
        return GoPeers.registryEnv("etcd", etcd.address());
    }

    @Test
    void theLeaseIsKeptAliveWithoutHeartbeats() throws InterruptedException {
        Registry registry = track(connect());
        registry.register(service("1.0.0", node("n1", "127.0.0.1:1001")), Duration.ofSeconds(2));

        Thread.sleep(5000); // more than twice the TTL, without registering again

        assertThat(track(connect()).getService(service)).isNotEmpty();
    }

    private static void put(String key, String value) {
        String body = "{\"key\":\"" + base64(key) + "\",\"value\":\"" + base64(value) + "\"}";
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(etcd.endpoint() + "/v3/kv/put"))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
