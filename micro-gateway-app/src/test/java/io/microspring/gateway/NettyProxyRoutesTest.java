package io.microspring.gateway;

import static io.microspring.gateway.RawHttp.exchange;
import static io.microspring.gateway.RawHttp.sameBothWays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.registry.Registration;
import io.microspring.testing.TestTokens;

/**
 * The http (proxy) handler's plain requests, which the gateway serves on Reactor Netty ahead of
 * WebFlux, answer byte for byte as WebFlux's path does (as {@link NettyRoutesTest} shows for the
 * rpc handler): pages, bodies both ways, the X-Forwarded-* headers the backend sees, the
 * gateway's own 401, 403, 413, 502, 503 and 504 errors, the access log line and the timer.
 */
@ExtendWith(ClusterExtension.class)
class NettyProxyRoutesTest {

    static Cluster cluster;

    @BeforeAll
    static void start(Cluster shared) {
        cluster = shared;
    }

    @Test
    void aPageOfTheWebAppIsAnsweredAsWebFluxAnswersIt() {
        assertThat(sameBothWays(cluster.gateway(), "GET", "/web/hello?name=John", "", ""))
                .startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: text/plain").endsWith("\r\n\r\nHello John");
    }

    @Test
    void aBodyTravelsBothWaysAsThroughWebFlux() {
        String body = "x".repeat(100_000);
        assertThat(sameBothWays(cluster.gateway(), "POST", "/web/echo", "Content-Type: text/plain\r\n", body))
                .startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n" + body);
        String chunked = "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
        assertThat(sameBothWays(cluster.gateway(), "POST", "/web/echo",
                "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n", chunked))
                .startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nhello world");
    }

    @Test
    void theBackendSeesTheSameForwardedHeaders() {
        Cluster.Gateway gateway = cluster.gateway("micro.api.handler=http");
        String answer = sameBothWays(gateway, "GET", "/headers/x/y%20z?q=1",
                "X-Forwarded-For: 10.1.1.1\r\nX-Forwarded-Host: spoofed\r\nX-Custom: c\r\n",
                "");
        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\n\r\nGET /headers/x/y%20z?q=1\n")
                .contains("x-forwarded-for: 10.1.1.1, 127.0.0.1\n")
                .contains("x-forwarded-host: 127.0.0.1:" + gateway.port() + "\n")
                .contains("x-forwarded-proto: http")
                .contains("x-forwarded-port: " + gateway.port() + "\n")
                .contains("x-custom: c")
                .doesNotContain("spoofed");
    }

    @Test
    void aBackendThatDropsTheConnectionIsTheSame502() {
        assertThat(sameBothWays(cluster.gateway(), "GET", "/gone/page", "", ""))
                .startsWith("HTTP/1.1 502 Bad Gateway\r\n").contains("Content-Type: application/json\r\n")
                .contains("service go.micro.api.gone closed the connection before answering");
    }

    @Test
    void aServiceNoNodeOfWhichCanBeReachedIsTheSame503() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Cluster.Gateway gateway = cluster.gateway();
        try (Registration refused = cluster.registerWeb("go.micro.api.refusing", "127.0.0.1:" + closedPort,
                "/refusing/**")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> exchange(gateway, "GET /refusing/page", "", "")
                    .startsWith("HTTP/1.1 503 "));
            assertThat(sameBothWays(gateway, "GET", "/refusing/page", "", ""))
                    .startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                    .contains("service go.micro.api.refusing: none of its nodes can be reached")
                    .doesNotContain(Integer.toString(closedPort));
        }
    }

    @Test
    void aSilentBackendIsTheSame504() {
        Cluster.Gateway impatient = cluster.gateway("micro.api.handler=http", "micro.client-request-timeout=1s");
        assertThat(sameBothWays(impatient, "GET", "/headers/slow", "", ""))
                .startsWith("HTTP/1.1 504 Gateway Timeout\r\n").contains("micro.client-request-timeout");
    }

    @Test
    void aBodyOverTheLimitIsTheSame413DeclaredOrNot() {
        RawHttp.tooLargeBothWays(cluster.gateway("micro.api.handler=http", "micro.api.max-body-size=1KB"), "/web/echo");
    }

    @Test
    void edgeAuthRefusesAndAdmitsTheSameWay() {
        TestTokens tokens = TestTokens.generate();
        Cluster.Gateway guarded = cluster.gateway("micro.auth.public-key=" + tokens.publicKeyBase64(),
                "micro.auth.rules[/web/*]=scope:admin");
        assertThat(sameBothWays(guarded, "GET", "/web/hello?name=A", "", ""))
                .startsWith("HTTP/1.1 401 Unauthorized\r\n").contains("missing authorization token");
        assertThat(sameBothWays(guarded, "GET", "/web/hello?name=A",
                "Authorization: Bearer " + tokens.token("reader") + "\r\n", ""))
                .startsWith("HTTP/1.1 403 Forbidden\r\n").contains("it needs scope admin");
        assertThat(sameBothWays(guarded, "GET", "/web/hello?name=A",
                "Authorization: Bearer " + tokens.token("admin") + "\r\n", ""))
                .startsWith("HTTP/1.1 200 OK\r\n").endsWith("Hello A");
    }

    @Test
    void theAccessLogAndTheTimerCountTheRequestTheSameBothWays() {
        RawHttp.countedOnceEachWay(cluster.gateway(), "/web/hello?name=Counted",
                "handler:http&tag=service:go.micro.api.web&tag=endpoint:none&tag=status:200",
                "GET /web/hello go\\.micro\\.api\\.web none 200 \\d+ms");
    }

    @Test
    void theOriginFormIsProxiedAheadOfWebFluxsFiltersAndTheAbsoluteFormThroughThem() {
        Cluster.Gateway marked = cluster.gateway("spring.main.sources=" + RawHttp.WebFluxMark.class.getName());
        assertThat(exchange(marked, "GET /web/hello?name=Ahead", "", "")).startsWith("HTTP/1.1 200 OK\r\n")
                .endsWith("Hello Ahead").doesNotContain(RawHttp.WebFluxMark.HEADER);
        assertThat(exchange(marked, "POST /web/echo", "", "posted")).endsWith("\r\n\r\nposted")
                .doesNotContain(RawHttp.WebFluxMark.HEADER);
        assertThat(exchange(marked, "GET http://127.0.0.1:" + marked.port() + "/web/hello?name=Through", "", ""))
                .startsWith("HTTP/1.1 200 OK\r\n").endsWith("Hello Through")
                .contains(RawHttp.WebFluxMark.HEADER + ": yes\r\n");
    }
}
