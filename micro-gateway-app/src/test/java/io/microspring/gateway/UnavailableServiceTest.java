package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.Http;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Registration;
import io.microspring.registry.Service;

/**
 * Services that are registered but whose only node is a closed loopback port, called through real
 * gateways: every way in answers 503 with go-micro's error JSON, naming the service and not the
 * address, again once the node is cooling down in the selector, and the gateway keeps serving.
 */
@ExtendWith(ClusterExtension.class)
class UnavailableServiceTest {

    static Cluster cluster;
    static int closedPort;
    static Service offline;
    static Registration offlineWeb;

    @BeforeAll
    static void registerServicesNoOneServes(Cluster shared) throws IOException {
        cluster = shared;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String address = "127.0.0.1:" + closedPort;
        offline = new Service("go.micro.api.offline", "latest", Map.of(),
                List.of(new Endpoint("Offline.Call", null, null, Map.of()),
                        new Endpoint("Offline.Api", null, null, Map.of("handler", "api"))),
                List.of(new Node("offline-1", address, Map.of("protocol", "mucp"))));
        shared.registry().register(offline, Duration.ofHours(1));
        offlineWeb = shared.registerWeb("go.micro.api.offweb", address, "/offweb/**");
    }

    @AfterAll
    static void deregister() {
        cluster.registry().deregister(offline);
        offlineWeb.close();
    }

    @Test
    void rpcIsA503() {
        Cluster.Gateway gateway = cluster.gateway();
        Supplier<HttpResponse<String>> call = () -> Http.post(gateway.url("/rpc"), "application/x-www-form-urlencoded",
                "service=go.micro.api.offline&endpoint=Offline.Call&request={}");
        assertUnavailable(discovered(call), "go.micro.api.offline");
        // again, with the node cooling down in the selector
        assertUnavailable(call.get(), "go.micro.api.offline");
        assertThat(Http.post(gateway.url("/rpc"), "application/x-www-form-urlencoded",
                "service=go.micro.srv.greeter&method=Say.Hello&request={\"name\":\"John\"}").body())
                .isEqualTo("{\"msg\":\"Hello John\"}");
    }

    @Test
    void theRpcAndApiHandlersAnswer503() {
        Cluster.Gateway gateway = cluster.gateway();
        assertUnavailable(discovered(() -> Http.post(gateway.url("/offline/offline/call"), "application/json", "{}")),
                "go.micro.api.offline");
        assertUnavailable(Http.post(gateway.url("/offline/offline/call"), "application/json", "{}"),
                "go.micro.api.offline");
        assertUnavailable(Http.get(gateway.url("/offline/offline/api?x=1")), "go.micro.api.offline");
        assertThat(Http.get(gateway.url("/test/echo/call?a=1")).body()).isEqualTo("{\"a\":1}");
    }

    @ParameterizedTest(name = "handler {0}")
    @ValueSource(strings = {"meta", "http"})
    void theProxyAnswers503(String handler) {
        Cluster.Gateway gateway = handler.equals("meta") ? cluster.gateway()
                : cluster.gateway("micro.api.handler=" + handler);
        assertUnavailable(discovered(() -> Http.get(gateway.url("/offweb/page"))), "go.micro.api.offweb");
        assertUnavailable(Http.post(gateway.url("/offweb/form"), "text/plain", "body"), "go.micro.api.offweb");
        URI webSocket = URI.create(gateway.url("/offweb/ws").replace("http:", "ws:"));
        assertThatThrownBy(() -> Http.client().newWebSocketBuilder()
                .buildAsync(webSocket, new ProxyHandlerTest.Messages())
                .join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(503));
        assertThat(Http.get(gateway.url("/web/hello?name=Still")).body()).isEqualTo("Hello Still");
    }

    /** The response once the gateway has discovered the service (before, its path is a 404). */
    private static HttpResponse<String> discovered(Supplier<HttpResponse<String>> request) {
        AtomicReference<HttpResponse<String>> response = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            response.set(request.get());
            return response.get().statusCode() != 404;
        });
        return response.get();
    }

    private static void assertUnavailable(HttpResponse<String> response, String service) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"code\":503").contains("\"status\":\"Service Unavailable\"")
                .contains("\"id\":\"go.micro.").contains("service " + service)
                .doesNotContain(Integer.toString(closedPort));
    }
}
