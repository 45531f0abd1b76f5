package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.net.HostPort;
import io.microspring.testing.EtcdServer;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.FreePorts;
import io.microspring.testing.GoPeers;
import io.microspring.testing.LoopbackConnections;

/**
 * The gateway jar started as the README says ({@code ./micro --registry=etcd
 * --registry_address=... api}), in front of go-micro's own greeter (a Go process) found through a
 * real etcd, called with the seed's curl verbatim; and as a plain {@code java -jar micro.jar}, whose
 * Main-Class hands {@code api} to Spring Boot's launcher.
 */
class GatewayJarIT {

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
    void theSeedsCurlAnswersHelloJohn() {
        int port = FreePorts.find();
        try (ExternalProcess micro = startMicro(port, Map.of())) {
            // the seed's command, with the port of this test
            ExternalProcess curl = ExternalProcess.builder("curl", "curl")
                    .args("-s", "-d", "service=go.micro.srv.greeter", "-d", "method=Say.Hello",
                            "-d", "request={\"name\": \"John\"}", "http://localhost:" + port + "/rpc")
                    .start();
            assertThat(curl.waitFor(Duration.ofSeconds(30))).isZero();
            assertThat(String.join("\n", curl.stdout())).isEqualTo("{\"msg\":\"Hello John\"}");
        }
    }

    /**
     * The gateway is stopped once the call is in flight: it has opened its connection to the Go
     * greeter (the only client the greeter has in this class, as each test's gateway is gone before
     * the next starts) and the greeter is still sleeping (no answer yet).
     */
    @Test
    void aStoppingGatewayFinishesTheRequestsInFlight() throws Exception {
        int port = FreePorts.find();
        int greeterPort = HostPort.parse(greeter.address()).port();
        try (ExternalProcess micro = startMicro(port, Map.of());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            String call = "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Sleep\",\"request\":{\"millis\":3000}}";
            client.getOutputStream().write(("POST /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + call.length() + "\r\nConnection: close\r\n\r\n" + call)
                    .getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(30)).until(() -> LoopbackConnections.toPort(greeterPort) > 0);
            assertThat(client.getInputStream().available()).as("answered before the stop").isZero();
            micro.stop(Duration.ofSeconds(30));
            String response = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").contains("sleptMillis");
            assertThat(micro.stdout()).anySatisfy(line -> assertThat(line).contains("Graceful shutdown complete"));
        }
    }

    /** The launcher with MICRO_CDS=off runs the plain jar: {@code java -jar micro.jar api ...}. */
    @Test
    void theGatewayStartsFromThePlainJarAndAnswersHelloJohn() throws Exception {
        int port = FreePorts.find();
        try (ExternalProcess micro = startMicro(port, Map.of("MICRO_CDS", "off"))) {
            HttpRequest call = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rpc"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Hello\",\"request\":{\"name\":\"John\"}}"))
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(call, HttpResponse.BodyHandlers.ofString());
            assertThat(response.body().strip()).isEqualTo("{\"msg\":\"Hello John\"}");
        }
    }

    private static ExternalProcess startMicro(int port, Map<String, String> env) {
        ExternalProcess micro = ExternalProcess.builder("micro", Path.of("micro").toAbsolutePath())
                .env(env)
                .args("--registry=etcd", "--registry_address=" + etcd.address(), "api",
                        "--address=127.0.0.1:" + port)
                .stopTimeout(Duration.ofSeconds(30))
                .start();
        micro.awaitLine(Pattern.compile("Netty started on port " + port), Duration.ofSeconds(120));
        return micro;
    }
}
