package io.microspring.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import com.sun.net.httpserver.HttpServer;

import io.microspring.gatewaytest.Http;
import io.microspring.registry.Registration;
import io.microspring.registry.WebService;
import io.microspring.registry.memory.MemoryRegistry;

/**
 * The sidecar's edge, in this JVM over a memory registry: the gateway's /rpc allow-list and body
 * limit, the proxy handler, /health without a check, and loopback as the default host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SidecarEdgeTest {

    private final MemoryRegistry registry = new MemoryRegistry();
    private ConfigurableApplicationContext restricted;
    private ConfigurableApplicationContext proxying;
    private HttpServer files;
    private Registration filesRegistration;

    @BeforeAll
    void start() throws Exception {
        files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        files.start();
        filesRegistration = Registration.register(registry, WebService.of("go.micro.srv.files", "latest",
                "127.0.0.1:" + files.getAddress().getPort(), Map.of(), List.of()), Duration.ofMinutes(1),
                Duration.ofSeconds(30));
        restricted = sidecar("micro.sidecar.rpc-allowed-services=go.micro.srv.allowed*",
                "micro.sidecar.max-body-size=160B");
        proxying = sidecar("micro.sidecar.handler=proxy");
    }

    @AfterAll
    void stop() {
        restricted.close();
        proxying.close();
        filesRegistration.close();
        files.stop(0);
        registry.close();
    }

    @Test
    void rpcCallsOnlyAllowedServicesAndRefusesAddresses() {
        HttpResponse<String> other = Http.post(url(restricted, "/rpc"), "application/json",
                "{\"service\":\"go.micro.srv.other\",\"endpoint\":\"Say.Hello\",\"request\":{}}");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).isEqualTo("{\"id\":\"go.micro.rpc\",\"code\":403,\"detail\":\"service "
                + "go.micro.srv.other may not be called through /rpc: micro.sidecar.rpc-allowed-services allows "
                + "[go.micro.srv.allowed*]\",\"status\":\"Forbidden\"}");
        HttpResponse<String> address = Http.post(url(restricted, "/rpc"), "application/json",
                "{\"service\":\"go.micro.srv.allowed\",\"endpoint\":\"Say.Hello\",\"address\":\"127.0.0.1:1\"}");
        assertThat(address.statusCode()).isEqualTo(403);
        assertThat(address.body()).contains("address may not be given to /rpc while "
                + "micro.sidecar.rpc-allowed-services is set");
    }

    @Test
    void largerBodiesAreRefusedWith413() {
        HttpResponse<String> response = Http.post(url(restricted, "/broker?topic=t"), "application/json",
                "{\"text\":\"" + "x".repeat(200) + "\"}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"id\":\"go.micro.api\",\"code\":413,\"detail\":\"request body "
                + "of 211 bytes is larger than 160 bytes (micro.sidecar.max-body-size)\",\"status\":\"Request Entity Too Large\"}");
    }

    @Test
    void theProxyHandlerForwardsToTheServiceOfTheFirstSegment() {
        HttpResponse<String> response = Http.get(url(proxying, "/files/a/b?c=d"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("GET /files/a/b?c=d");
    }

    @Test
    void healthWithoutACheckSaysTheSidecarIsUp() {
        HttpResponse<String> response = Http.get(url(proxying, "/health"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void otherMethodsOnTheRegistryAre405() {
        HttpResponse<String> response = Http.send(Http.request(url(proxying, "/registry"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).isEqualTo("{\"id\":\"go.micro.sidecar\",\"code\":405,"
                + "\"detail\":\"/registry takes GET, POST or DELETE, not PUT\",\"status\":\"Method Not Allowed\"}");
    }

    @Test
    void anAddressWithoutHostListensOnLoopback() {
        SidecarProperties properties = new SidecarProperties();
        NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
        new SidecarConfiguration().sidecarAddress(properties).customize(factory);
        assertThat(factory.getPort()).isEqualTo(8081);
        assertThat(factory.getAddress().isLoopbackAddress()).isTrue();
    }

    private ConfigurableApplicationContext sidecar(String... properties) {
        List<String> args = new ArrayList<>(List.of("--micro.registry=memory", "--micro.sidecar.address=127.0.0.1:0",
                "--spring.main.banner-mode=off"));
        for (String property : properties) {
            args.add("--" + property);
        }
        return new SpringApplicationBuilder(SidecarApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties("spring.config.name=sidecar")
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("sharedRegistry", registry);
                    ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
                        ReactorResourceFactory resources = new ReactorResourceFactory();
                        resources.setUseGlobalResources(false);
                        return resources;
                    });
                })
                .run(args.toArray(String[]::new));
    }

    private static String url(ConfigurableApplicationContext sidecar, String path) {
        return "http://127.0.0.1:" + sidecar.getEnvironment().getRequiredProperty("local.server.port") + path;
    }
}
