package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.Http;

/**
 * The http (proxy) handler: the greeter-web sample (a plain Spring web app registered as
 * go.micro.api.web) and raw HTTP backends behind a real gateway, with real HTTP and websocket
 * clients. The default gateway reaches them through the paths they declare, the http one by the
 * first path segment.
 */
@ExtendWith(ClusterExtension.class)
class ProxyHandlerTest {

    static Cluster cluster;

    @BeforeAll
    static void start(Cluster shared) {
        cluster = shared;
    }

    @ParameterizedTest(name = "handler {0}")
    @ValueSource(strings = {"meta", "http"})
    void pagesOfTheWebAppComeThrough(String handler) {
        HttpResponse<String> response = Http.get(gateway(handler).url("/web/hello?name=John"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).isEqualTo("Hello John");
    }

    @Test
    void largeBodiesTravelIntactBothWays() {
        byte[] body = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(body);
        HttpResponse<byte[]> response = Http.postBytes(gateway("http").url("/web/echo"), "application/octet-stream",
                body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void aResponseStreamsAsTheBackendProducesIt() throws Exception {
        // the backend never finishes this response: lines can only arrive if the proxy streams them
        HttpResponse<InputStream> response = Http.client().send(
                Http.request(gateway("meta").url("/web/ticks?count=1000000")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("tick 1");
            assertThat(lines.readLine()).isEqualTo("tick 2");
        }
    }

    @Test
    void theBackendSeesTheForwardedHeadersAndTheWholePath() {
        Cluster.Gateway gateway = gateway("http");
        HttpResponse<String> response = Http.get(gateway.url("/headers//x/./y%20z?q=1"), "X-Forwarded-For", "10.1.1.1",
                "X-Custom", "c", "X-Forwarded-Host", "spoofed");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("GET /headers/x/y%20z?q=1\n")
                .contains("x-forwarded-for: 10.1.1.1, 127.0.0.1")
                .contains("x-forwarded-host: 127.0.0.1:" + gateway.port())
                .contains("x-forwarded-proto: http")
                .contains("x-forwarded-port: " + gateway.port())
                .contains("x-custom: c")
                .doesNotContain("spoofed");
    }

    @ParameterizedTest(name = "handler {0}")
    @ValueSource(strings = {"meta", "http"})
    void websocketsAreProxied(String handler) throws Exception {
        Messages messages = new Messages();
        WebSocket socket = Http.client().newWebSocketBuilder()
                .buildAsync(URI.create(gateway(handler).url("/web/ws").replace("http:", "ws:")), messages)
                .get(10, TimeUnit.SECONDS);
        socket.sendText("hello", true).get(10, TimeUnit.SECONDS);
        assertThat(messages.next.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
        messages.next = new CompletableFuture<>();
        socket.sendText("again", true).get(10, TimeUnit.SECONDS);
        assertThat(messages.next.get(10, TimeUnit.SECONDS)).isEqualTo("again");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        assertThat(messages.closed.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
    }

    @Test
    void aWebsocketToABackendThatRefusesItIsA502() {
        Cluster.Gateway gateway = gateway("http");
        assertThatThrownBy(() -> Http.client().newWebSocketBuilder()
                .buildAsync(URI.create(gateway.url("/web/hello").replace("http:", "ws:")), new Messages())
                .join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class, refused -> {
                    assertThat(refused.getResponse().statusCode()).isEqualTo(502);
                    assertThat((String) refused.getResponse().body()).contains("refused the websocket")
                            .doesNotContain("127.0.0.1");
                });
        assertThat(Http.get(gateway.url("/web/hello?name=After")).body()).isEqualTo("Hello After");
    }

    @Test
    void aSlowBackendPastTheClientTimeoutIsA504() {
        Cluster.Gateway impatient = cluster.gateway("micro.api.handler=http", "micro.client-request-timeout=1s");
        HttpResponse<String> response = Http.get(impatient.url("/headers/slow"));
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("\"code\":504").contains("micro.client-request-timeout")
                .doesNotContain("127.0.0.1");
    }

    @Test
    void aBackendThatDiesMidRequestIsA502AndTheGatewayKeepsServing() {
        Cluster.Gateway gateway = gateway("meta");
        HttpResponse<String> response = Http.get(gateway.url("/gone/page"));
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("go.micro.api.gone").contains("closed the connection")
                .doesNotContain("127.0.0.1");
        assertThat(Http.get(gateway.url("/web/hello?name=Still")).body()).isEqualTo("Hello Still");
    }

    @Test
    void anOversizedBodyIsA413() {
        Cluster.Gateway small = cluster.gateway("micro.api.handler=http", "micro.api.max-body-size=1KB");
        HttpResponse<String> response = Http.post(small.url("/web/echo"), "text/plain", "x".repeat(5000));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("micro.api.max-body-size");
    }

    @Test
    void anUnknownServiceIsA404() {
        HttpResponse<String> response = Http.get(gateway("http").url("/nowhere/page"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("go.micro.api.nowhere");
    }

    private static Cluster.Gateway gateway(String handler) {
        return handler.equals("meta") ? cluster.gateway() : cluster.gateway("micro.api.handler=" + handler);
    }

    /** Collects what the gateway sends back over a websocket. */
    static final class Messages implements WebSocket.Listener {

        volatile CompletableFuture<String> next = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                next.complete(text.toString());
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed.complete(status);
            return null;
        }
    }
}
