package io.microspring.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Service;

/** The registry entry the sidecar keeps for the app beside it. */
class AppServiceTest {

    @Test
    void theAppIsOneMucpNodeWithTheGivenEndpoints() {
        Service service = AppService.of(properties("127.0.0.1:9000", List.of("Py.Hello", " Py.Greet ")), "etcd", "http");
        assertThat(service.name()).isEqualTo("go.micro.srv.py");
        assertThat(service.version()).isEqualTo("latest");
        assertThat(service.endpoints()).extracting(Endpoint::name).containsExactly("Py.Hello", "Py.Greet");
        Node node = service.nodes().get(0);
        assertThat(node.id()).startsWith("go.micro.srv.py-");
        assertThat(node.address()).isEqualTo("127.0.0.1:9000");
        assertThat(node.metadata()).containsEntry("protocol", "mucp").containsEntry("transport", "http")
                .containsEntry("registry", "etcd").containsEntry("broker", "http");
    }

    @Test
    void endpointsMayComeFromAJsonFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("endpoints.json");
        Files.writeString(file, "[{\"Name\":\"Py.Hello\",\"request\":{\"name\":\"HelloRequest\",\"type\":\"object\"},"
                + "\"metadata\":{\"handler\":\"rpc\"},\"extra\":1}]");
        Service service = AppService.of(properties("127.0.0.1:9000", List.of("@" + file)), "mdns", "http");
        Endpoint hello = service.endpoints().get(0);
        assertThat(hello.name()).isEqualTo("Py.Hello");
        assertThat(hello.request().name()).isEqualTo("HelloRequest");
        assertThat(hello.metadata()).containsEntry("handler", "rpc");
    }

    @Test
    void mistakesNameTheProperty(@TempDir Path dir) {
        assertThatThrownBy(() -> AppService.of(properties("9000", List.of()), "etcd", "http"))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("micro.sidecar.server-address");
        assertThatThrownBy(() -> AppService.of(properties("127.0.0.1:9000", List.of("@" + dir.resolve("none.json"))),
                "etcd", "http"))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("micro.sidecar.endpoints");
    }

    private static SidecarProperties properties(String address, List<String> endpoints) {
        SidecarProperties properties = new SidecarProperties();
        properties.setServerName("go.micro.srv.py");
        properties.setServerAddress(address);
        properties.setEndpoints(endpoints);
        return properties;
    }
}
