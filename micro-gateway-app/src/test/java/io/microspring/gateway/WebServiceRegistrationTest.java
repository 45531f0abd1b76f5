package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.Http;
import io.microspring.gatewaytest.mvc.PlainMvcApplication;
import io.microspring.gatewaytest.webflux.PlainWebFluxApplication;
import io.microspring.registry.Node;
import io.microspring.registry.Service;

/**
 * A plain WebFlux app and a plain MVC app, with the starter and {@code micro.web.*} properties
 * but no registration code, register once their web server listens, are reached through the
 * gateway's proxy handler, and leave the registry when they shut down.
 */
@ExtendWith(ClusterExtension.class)
class WebServiceRegistrationTest {

    static Cluster cluster;

    @BeforeAll
    static void cluster(Cluster shared) {
        cluster = shared;
    }

    static List<Arguments> webApps() {
        return List.of(
                Arguments.of(PlainWebFluxApplication.class, WebApplicationType.REACTIVE, "flux", "from WebFlux"),
                Arguments.of(PlainMvcApplication.class, WebApplicationType.SERVLET, "mvc", "from MVC"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("webApps")
    void whenMicroWebNameIsSetThenTheAppIsRegisteredProxiedAndDeregisteredOnShutdown(Class<?> application,
            WebApplicationType type, String path, String greeting) {
        String name = "go.micro.api." + path;
        Cluster.Gateway gateway = cluster.gateway();
        ConfigurableApplicationContext app = cluster.startWebApp(application, type, "server.address=127.0.0.1",
                "server.port=0", "micro.web.name=" + name, "micro.web.paths=/" + path + "/**",
                "micro.web.metadata.icon=/" + path + "/icon.png");
        try {
            String port = app.getEnvironment().getRequiredProperty("local.server.port");
            List<Service> registered = cluster.registry().getService(name);
            assertThat(registered).hasSize(1);
            Node node = registered.get(0).nodes().get(0);
            assertThat(node.address()).isEqualTo("127.0.0.1:" + port);
            assertThat(node.metadata()).containsEntry("icon", "/" + path + "/icon.png");
            assertThat(registered.get(0).endpoints()).singleElement()
                    .satisfies(endpoint -> assertThat(endpoint.metadata()).containsEntry("handler", "http")
                            .containsEntry("path", "/" + path + "/**"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> response = Http.get(gateway.url("/" + path + "/hello?name=John"));
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("Hello John " + greeting);
            });
        } finally {
            app.close();
        }

        assertThat(cluster.registry().getService(name)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> response = Http.get(gateway.url("/" + path + "/hello?name=John"));
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("\"code\":404");
        });
    }
}
