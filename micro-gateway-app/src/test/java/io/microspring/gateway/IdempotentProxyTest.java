package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.sun.net.httpserver.HttpServer;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.DroppingServer;
import io.microspring.gatewaytest.Http;
import io.microspring.registry.Registration;

/**
 * The proxy in front of a web service with two nodes, one of which reads each request and drops
 * the connection: a {@code GET} that met it is sent again to the other node, a {@code POST} is not
 * (it may have done its work) and is answered with 502. Each gateway here has a selector of its own,
 * so that one test's failed node is not cooling down in the other's.
 */
@ExtendWith(ClusterExtension.class)
class IdempotentProxyTest {

    /** Requests tried until one has met the dropping node: the selector picks at random, so 50 leave no chance. */
    private static final int ATTEMPTS = 50;

    static Cluster cluster;
    static DroppingServer dropper;
    static HttpServer healthy;
    static final List<Registration> registrations = new ArrayList<>();

    @BeforeAll
    static void start(Cluster shared) throws IOException {
        cluster = shared;
        dropper = DroppingServer.start("flaky-dropper");
        healthy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        healthy.createContext("/flaky", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        healthy.start();
        registrations.add(cluster.registerWeb("go.micro.api.flaky", dropper.address(),
                "/flaky/**"));
        registrations.add(cluster.registerWeb("go.micro.api.flaky", "127.0.0.1:" + healthy.getAddress().getPort(),
                "/flaky/**"));
    }

    @AfterAll
    static void stop() throws IOException {
        registrations.forEach(Registration::close);
        healthy.stop(0);
        dropper.close();
    }

    @Test
    void aGetThatMetTheDroppingNodeIsSentToTheOtherNode() {
        Cluster.Gateway gateway = cluster.gateway("micro.api.handler=proxy");
        int before = dropper.dropped();
        for (int i = 0; i < ATTEMPTS && dropper.dropped() == before; i++) {
            HttpResponse<String> response = Http.get(gateway.url("/flaky/page"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok");
        }
        assertThat(dropper.dropped()).as("GETs the dropping node read").isGreaterThan(before);
    }

    @Test
    void aPostThatMetTheDroppingNodeIsA502() {
        Cluster.Gateway gateway = cluster.gateway("micro.api.handler=http");
        int before = dropper.dropped();
        HttpResponse<String> response = null;
        for (int i = 0; i < ATTEMPTS && dropper.dropped() == before; i++) {
            response = Http.post(gateway.url("/flaky/form"), "text/plain", "order one");
        }
        assertThat(dropper.dropped()).as("POSTs the dropping node read").isEqualTo(before + 1);
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("go.micro.api.flaky").doesNotContain("127.0.0.1");
    }
}
