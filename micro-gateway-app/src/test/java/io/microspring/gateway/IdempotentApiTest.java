package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.Http;
import io.microspring.registry.Node;
import io.microspring.registry.Service;

/**
 * The api handler in front of an api service with two nodes: the greeter-api sample
 * ({@code go.micro.api.greeter}), and, for these tests only, one that reads each request and drops
 * the connection. A {@code GET} that met the dropping node is sent
 * again to the other node; a {@code POST} is not (it may have done its work) and is answered with
 * go-micro's error. Each gateway here has a selector of its own, so that one test's failed node is
 * not cooling down in the other's.
 */
@ExtendWith(ClusterExtension.class)
class IdempotentApiTest {

    /** Requests tried until one has met the dropping node: the selector picks at random, so 50 leave no chance. */
    private static final int ATTEMPTS = 50;
    private static final String SERVICE = "go.micro.api.greeter";

    static Cluster cluster;
    static ServerSocket dropper;
    static final AtomicInteger dropped = new AtomicInteger();
    static Service droppingNode;

    @BeforeAll
    static void start(Cluster shared) throws IOException {
        cluster = shared;
        dropper = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(IdempotentApiTest::dropEveryConnection, "greeter-api-dropper");
        acceptor.setDaemon(true);
        acceptor.start();
        Service greeterApi = cluster.registry().getService(SERVICE).get(0);
        droppingNode = greeterApi.withNodes(List.of(new Node("greeter-api-dropper",
                "127.0.0.1:" + dropper.getLocalPort(), Map.of("protocol", "mucp"))));
        cluster.registry().register(droppingNode, Duration.ofHours(1));
    }

    @AfterAll
    static void stop() throws IOException {
        cluster.registry().deregister(droppingNode);
        dropper.close();
    }

    @Test
    void aGetThatMetTheDroppingNodeIsSentToTheOtherNode() {
        Cluster.Gateway gateway = cluster.gateway("micro.api.handler=api", "micro.client-retries=1");
        int before = dropped.get();
        for (int i = 0; i < ATTEMPTS && dropped.get() == before; i++) {
            HttpResponse<String> response = Http.get(gateway.url("/greeter/say/hello?name=John"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"message\":\"Hello John\"}");
        }
        assertThat(dropped.get()).as("GETs the dropping node read").isGreaterThan(before);
    }

    @Test
    void aPostThatMetTheDroppingNodeIsAnError() {
        Cluster.Gateway gateway = cluster.gateway("micro.api.handler=api", "micro.client-retries=2");
        int before = dropped.get();
        HttpResponse<String> response = null;
        for (int i = 0; i < ATTEMPTS && dropped.get() == before; i++) {
            response = Http.post(gateway.url("/greeter/say/hello?name=John"), "text/plain", "");
        }
        assertThat(dropped.get()).as("POSTs the dropping node read").isEqualTo(before + 1);
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains(SERVICE).contains("the exchange with a node failed")
                .doesNotContain("127.0.0.1");
    }

    /** Reads each request's head, then closes the connection without answering. */
    private static void dropEveryConnection() {
        while (!dropper.isClosed()) {
            try (Socket connection = dropper.accept()) {
                InputStream in = connection.getInputStream();
                int matched = 0;
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
                }
                dropped.incrementAndGet();
            } catch (IOException e) {
                // closed at the end of the test
            }
        }
    }
}
