package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import reactor.core.publisher.Mono;

/**
 * The rpc handler's requests and {@code /rpc}, which the gateway serves on Reactor Netty ahead of
 * WebFlux, answer byte for byte as WebFlux's path does. A request target in absolute form
 * ({@code POST http://host/path}) is left to WebFlux, one in origin form ({@code POST /path}) is
 * served ahead of it: the same request is sent both ways on raw sockets and the answers compared.
 */
@ExtendWith(ClusterExtension.class)
class NettyRoutesTest {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)");

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
        Cluster.Gateway marked = cluster.gateway("spring.main.sources=" + WebFluxMark.class.getName());
        String json = "Content-Type: application/json\r\n";
        assertThat(exchange(marked, "POST /test/echo/call", json, "{}")).startsWith("HTTP/1.1 200 OK\r\n")
                .doesNotContain(WebFluxMark.HEADER);
        assertThat(exchange(marked, "POST http://127.0.0.1:" + marked.port() + "/test/echo/call", json, "{}"))
                .startsWith("HTTP/1.1 200 OK\r\n").contains(WebFluxMark.HEADER + ": yes\r\n");
    }

    /** The answer to {@code method path} sent in origin form, after checking the absolute form gets the same bytes. */
    private static String sameBothWays(Cluster.Gateway to, String method, String path, String headers, String body) {
        String ahead = exchange(to, method + " " + path, headers, body);
        String webFlux = exchange(to, method + " http://127.0.0.1:" + to.port() + path, headers, body);
        assertThat(ahead).as("served ahead of WebFlux").isEqualTo(webFlux);
        return ahead;
    }

    /**
     * A web filter (a source of the gateway it is named to, never scanned) marking every answer
     * that went through WebFlux: so the tests above can tell which way a request took.
     */
    public static final class WebFluxMark implements WebFilter, Ordered {

        static final String HEADER = "X-Through-WebFlux";

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            exchange.getResponse().getHeaders().set(HEADER, "yes");
            return chain.filter(exchange);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** Sends one request on a new connection and reads its answer: the head, and the body its Content-Length tells. */
    private static String exchange(Cluster.Gateway to, String requestLine, String headers, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String length = headers.contains("Transfer-Encoding") ? "" : "Content-Length: " + content.length + "\r\n";
        String head = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1:" + to.port() + "\r\n" + headers + length + "\r\n";
        try (Socket socket = new Socket("127.0.0.1", to.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            while (answer.indexOf("\r\n\r\n") < 0) {
                int next = in.read();
                assertThat(next).as("the answer's head ends before the connection: %s", answer).isNotNegative();
                answer.append((char) next);
            }
            Matcher declared = CONTENT_LENGTH.matcher(answer);
            int bodyLength = declared.find() ? Integer.parseInt(declared.group(1)) : 0;
            return answer + new String(in.readNBytes(bodyLength), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
