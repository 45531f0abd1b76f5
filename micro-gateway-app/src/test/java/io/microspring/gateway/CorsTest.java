package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.Http;

/**
 * CORS ({@code micro.api.cors.*}) as a browser meets it, through real gateways: preflight requests
 * answered by the gateway, other origins refused, and the Access-Control headers on what /rpc, the
 * rpc, api and http handlers answer.
 */
@ExtendWith(ClusterExtension.class)
class CorsTest {

    static final String APP = "https://app.example.com";
    static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    static final String FORM = "application/x-www-form-urlencoded";

    static Cluster cluster;
    static Cluster.Gateway gateway;

    @BeforeAll
    static void start(Cluster shared) {
        cluster = shared;
        gateway = shared.gateway("micro.api.cors.allowed-origins=" + APP, "micro.api.cors.exposed-headers=X-Echo",
                "micro.api.cors.max-age=10m");
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredByTheGateway() {
        HttpResponse<String> response = preflight(gateway.url("/rpc"), APP, "POST", "content-type,timeout");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(ALLOW_ORIGIN)).hasValue(APP);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST").contains("PUT").contains("DELETE"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers.toLowerCase()).contains("content-type").contains("timeout"));
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(response.body()).isEmpty();
        HttpResponse<String> proxyPath = preflight(gateway.url("/web/hello"), APP, "GET", "");
        assertThat(proxyPath.statusCode()).isEqualTo(200);
        assertThat(proxyPath.headers().firstValue(ALLOW_ORIGIN)).hasValue(APP);
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        HttpResponse<String> response = preflight(gateway.url("/test/echo/call"), "https://evil.example.com", "POST",
                "");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue(ALLOW_ORIGIN)).isEmpty();
    }

    @Test
    void aRequestFromAnotherOriginIsRefusedBeforeItReachesAService() {
        HttpResponse<String> response = Http.post(gateway.url("/rpc"), FORM,
                "service=go.micro.srv.greeter&method=Say.Hello&request={\"name\":\"John\"}",
                "Origin", "https://evil.example.com");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("Hello");
    }

    @Test
    void crossOriginCallsThroughRpcAndEveryHandlerCarryTheAllowedOrigin() {
        HttpResponse<String> rpc = Http.post(gateway.url("/rpc"), FORM,
                "service=go.micro.srv.greeter&method=Say.Hello&request={\"name\":\"John\"}", "Origin", APP);
        assertThat(rpc.body()).isEqualTo("{\"msg\":\"Hello John\"}");
        assertThat(rpc.headers().allValues(ALLOW_ORIGIN)).containsExactly(APP);

        HttpResponse<String> rpcHandler = Http.get(gateway.url("/test/echo/call?a=1"), "Origin", APP);
        assertThat(rpcHandler.body()).isEqualTo("{\"a\":1}");
        assertThat(rpcHandler.headers().allValues(ALLOW_ORIGIN)).containsExactly(APP);

        HttpResponse<String> apiHandler = Http.get(gateway.url("/raw/x"), "Origin", APP);
        assertThat(apiHandler.statusCode()).isEqualTo(201);
        assertThat(apiHandler.headers().allValues(ALLOW_ORIGIN)).containsExactly(APP);
        assertThat(apiHandler.headers().firstValue("Access-Control-Expose-Headers")).hasValue("X-Echo");

        HttpResponse<String> proxied = Http.get(gateway.url("/web/hello?name=John"), "Origin", APP);
        assertThat(proxied.body()).isEqualTo("Hello John");
        assertThat(proxied.headers().allValues(ALLOW_ORIGIN)).containsExactly(APP);
    }

    @Test
    void errorsCarryTheHeadersSoThatTheBrowserCanReadThem() {
        HttpResponse<String> response = Http.get(gateway.url("/unknown/thing"), "Origin", APP);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"code\":404");
        assertThat(response.headers().allValues(ALLOW_ORIGIN)).containsExactly(APP);
    }

    @Test
    void aServicesOwnCorsHeadersGiveWayToTheGateways() {
        assertThat(Http.get(gateway.url("/own-cors/x"), "Origin", APP).headers().allValues(ALLOW_ORIGIN))
                .containsExactly(APP);
        assertThat(Http.get(cluster.gateway().url("/own-cors/x"), "Origin", APP).headers().allValues(ALLOW_ORIGIN))
                .as("without micro.api.cors the service answers CORS").containsExactly("*");
    }

    @Test
    void withoutSettingsNoCorsHeadersAppear() {
        Cluster.Gateway plain = cluster.gateway();
        HttpResponse<String> rpc = Http.post(plain.url("/rpc"), FORM,
                "service=go.micro.srv.greeter&method=Say.Hello&request={\"name\":\"John\"}", "Origin", APP);
        assertThat(rpc.body()).isEqualTo("{\"msg\":\"Hello John\"}");
        HttpResponse<String> handler = Http.get(plain.url("/test/echo/call?a=1"), "Origin", APP);
        assertThat(handler.body()).isEqualTo("{\"a\":1}");
        HttpResponse<String> preflight = preflight(plain.url("/rpc"), APP, "POST", "content-type");
        for (HttpResponse<String> response : List.of(rpc, handler, preflight)) {
            assertThat(response.headers().map().keySet())
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-"))
                    .noneMatch(name -> name.equalsIgnoreCase("Vary"));
        }
    }

    @Test
    void everyOriginIsAllowedWithAStarAsEnableCorsSetsIt() {
        Cluster.Gateway open = cluster.gateway("micro.api.cors.allowed-origins=*");
        HttpResponse<String> response = Http.get(open.url("/test/echo/call?a=1"), "Origin", "https://any.example.org");
        assertThat(response.headers().allValues(ALLOW_ORIGIN)).containsExactly("*");
        assertThat(preflight(open.url("/rpc"), "https://any.example.org", "POST", "content-type").statusCode())
                .isEqualTo(200);
    }

    @Test
    void credentialsForEveryOriginAreRefusedAtStartup() {
        assertThatThrownBy(() -> cluster.ownGateway("micro.api.cors.allowed-origins=*",
                "micro.api.cors.allow-credentials=true"))
                .hasStackTraceContaining("micro.api.cors.allow-credentials")
                .hasStackTraceContaining("micro.api.cors.allowed-origin-patterns");
    }

    private static HttpResponse<String> preflight(String url, String origin, String method, String headers) {
        HttpRequest.Builder request = Http.request(url, "Origin", origin, "Access-Control-Request-Method", method)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        if (!headers.isEmpty()) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return Http.send(request.build());
    }
}
