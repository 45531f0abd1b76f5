package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.DroppingServer;
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
    static DroppingServer dropper;
    static Service droppingNode;

    @BeforeAll
    static void start(Cluster shared) throws IOException {
        cluster = shared;
        dropper = DroppingServer.start("greeter-api-dropper");
        Service greeterApi = cluster.registry().getService(SERVICE).get(0);
        droppingNode = greeterApi.withNodes(List.of(new Node("greeter-api-dropper",
                dropper.address(), Map.of("protocol", "mucp"))));
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
        int before = dropper.dropped();
        for (int i = 0; i < ATTEMPTS && dropper.dropped() == before; i++) {
            HttpResponse<String> response = Http.get(gateway.url("/greeter/say/hello?name=John"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"message\":\"Hello John\"}");
        }
        assertThat(dropper.dropped()).as("GETs the dropping node read").isGreaterThan(before);
    }

    @Test
    void aPostThatMetTheDroppingNodeIsAnError() {
        Cluster.Gateway gateway = cluster.gateway("micro.api.handler=api", "micro.client-retries=2");
        int before = dropper.dropped();
        HttpResponse<String> response = null;
        for (int i = 0; i < ATTEMPTS && dropper.dropped() == before; i++) {
            response = Http.post(gateway.url("/greeter/say/hello?name=John"), "text/plain", "");
        }
        assertThat(dropper.dropped()).as("POSTs the dropping node read").isEqualTo(before + 1);
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains(SERVICE).contains("the exchange with a node failed")
                .doesNotContain("127.0.0.1");
    }
}
