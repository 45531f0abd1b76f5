package io.microspring.gateway;

import static io.microspring.gateway.RawHttp.exchange;
import static io.microspring.gateway.RawHttp.sameBothWays;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;

/**
 * The rpc handler's requests and {@code /rpc}, which the gateway serves on Reactor Netty ahead of
 * WebFlux, answer byte for byte as WebFlux's path does. A request target in absolute form
 * ({@code POST http://host/path}) is left to WebFlux, one in origin form ({@code POST /path}) is
 * served ahead of it: the same request is sent both ways on raw sockets and the answers compared.
 */
@ExtendWith(ClusterExtension.class)
class NettyRoutesTest {

    static Cluster cluster;
    static Cluster.Gateway gateway;

    @BeforeAll
    static void start(Cluster shared) {
        cluster = shared;
        gateway = shared.gateway();
    }

    @Test
    void aJsonCallWithAQueryIsAnsweredAsWebFluxAnswersIt() {
        String answer = sameBothWays(gateway, "POST", "/test/echo/call?page=2", "Content-Type: application/json\r\n",
                "{\"name\":\"John\"}");
        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: application/json\r\n")
                .endsWith("\r\n\r\n{\"page\":2,\"name\":\"John\"}");
    }

    @Test
    void anEmptyAnswerIsTheSame204() {
        assertThat(sameBothWays(gateway, "POST", "/test/echo/nothing", "Content-Type: application/json\r\n", "{}"))
                .startsWith("HTTP/1.1 204 No Content\r\n");
    }

    @Test
    void aServiceErrorIsTheSameErrorJson() {
        assertThat(sameBothWays(gateway, "POST", "/test/echo/missing", "Content-Type: application/json\r\n", "{}"))
                .startsWith("HTTP/1.1 404 Not Found\r\n").contains("Echo.Missing");
    }

    @Test
    void rpcAnswersAndRefusesAsWebFluxDoes() {
        assertThat(sameBothWays(gateway, "POST", "/rpc", "Content-Type: application/json\r\n",
                "{\"service\":\"go.micro.api.test\",\"endpoint\":\"Echo.Call\",\"request\":{\"a\":1}}"))
                .startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n{\"a\":1}");
        assertThat(sameBothWays(gateway, "POST", "/rpc", "Content-Type: application/json\r\n", "{\"service\":"))
                .startsWith("HTTP/1.1 400 Bad Request\r\n").contains("\"id\":\"go.micro.rpc\"");
        assertThat(sameBothWays(gateway, "POST", "/rpc", "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Timeout: soon\r\n", "service=go.micro.api.test&endpoint=Echo.Call"))
                .startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Timeout must be a whole number of seconds");
    }

    @Test
    void aBodyOverTheLimitIsTheSame413DeclaredOrNot() {
        Cluster.Gateway small = cluster.gateway("micro.api.max-body-size=1KB");
        String body = "{\"big\":\"" + "x".repeat(2000) + "\"}";
        assertThat(sameBothWays(small, "POST", "/test/echo/call", "Content-Type: application/json\r\n", body))
                .startsWith("HTTP/1.1 413 Request Entity Too Large\r\n")
                .contains("request body of " + body.length() + " bytes is larger than 1024 bytes "
                        + "(micro.api.max-body-size)");
        String chunked = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
        assertThat(sameBothWays(small, "POST", "/rpc",
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", chunked))
                .startsWith("HTTP/1.1 413 Request Entity Too Large\r\n")
                .contains("request body is larger than 1024 bytes (micro.api.max-body-size)");
    }

    @Test
    void aServiceTheGatewayDoesNotKnowIsStillA404() {
        assertThat(sameBothWays(gateway, "POST", "/nothere/say/hello", "Content-Type: application/json\r\n", "{}"))
                .startsWith("HTTP/1.1 404 Not Found\r\n").contains("go.micro.api.nothere, which is not registered");
    }

    @Test
    void theOriginFormIsServedAheadOfWebFluxsFiltersAndTheAbsoluteFormThroughThem() {
        Cluster.Gateway marked = cluster.gateway("spring.main.sources=" + RawHttp.WebFluxMark.class.getName());
        String json = "Content-Type: application/json\r\n";
        assertThat(exchange(marked, "POST /test/echo/call", json, "{}")).startsWith("HTTP/1.1 200 OK\r\n")
                .doesNotContain(RawHttp.WebFluxMark.HEADER);
        assertThat(exchange(marked, "POST http://127.0.0.1:" + marked.port() + "/test/echo/call", json, "{}"))
                .startsWith("HTTP/1.1 200 OK\r\n").contains(RawHttp.WebFluxMark.HEADER + ": yes\r\n");
    }
}
