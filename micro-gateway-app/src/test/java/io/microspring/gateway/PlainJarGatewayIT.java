package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.testing.EtcdServer;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.FreePorts;
import io.microspring.testing.GoPeers;

/**
 * {@code micro api} from a plain {@code java -jar micro.jar} (the launcher with {@code MICRO_CDS=off}):
 * the jar's Main-Class hands it to Spring Boot's launcher, and the gateway answers a call to
 * go-micro's greeter (a Go process) found through a real etcd.
 */
class PlainJarGatewayIT {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    static GoPeers.Peer greeter;

    @BeforeAll
    static void startGreeter() {
        greeter = GoPeers.startGreeter(GoPeers.registryEnv("etcd", etcd.address()));
    }

    @AfterAll
    static void stopGreeter() {
        greeter.close();
    }

    @Test
    void theGatewayStartsFromThePlainJarAndAnswersHelloJohn() throws Exception {
        int port = FreePorts.find();
        try (ExternalProcess micro = ExternalProcess.builder("micro", Path.of("micro").toAbsolutePath())
                .env(Map.of("MICRO_CDS", "off"))
                .args("--registry=etcd", "--registry_address=" + etcd.address(), "api", "--address=127.0.0.1:" + port)
                .stopTimeout(Duration.ofSeconds(30))
                .start()) {
            micro.awaitLine(Pattern.compile("Netty started on port " + port), Duration.ofSeconds(120));
            HttpRequest call = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rpc"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Hello\",\"request\":{\"name\":\"John\"}}"))
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(call, HttpResponse.BodyHandlers.ofString());
            assertThat(response.body().strip()).isEqualTo("{\"msg\":\"Hello John\"}");
        }
    }
}
