package io.microspring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.Http;
import io.microspring.registry.Registration;
import io.microspring.samples.greeterweb.GreeterWebApplication;

/**
 * micro web's optional login over real HTTP: with a basic user and a token set, the dashboard,
 * {@code /rpc} and the terminal take either and refuse anything else with go-micro's 401 JSON, while
 * the web apps behind the proxy and {@code /actuator/health} stay open; a token alone challenges for
 * a bearer token; a password without a user stops startup.
 */
@ExtendWith(ClusterExtension.class)
class MicroWebLoginTest {

    private static final String USER = "admin";
    private static final String PASSWORD = "s3cret:with colon";
    private static final String TOKEN = "t0ken-for-scripts";
    private static final List<String> DASHBOARD = List.of("/", "/registry", "/registry?service=go.micro.srv.greeter",
            "/client", "/terminal", "/stats", "/dashboard.js", "/dashboard.css");

    static Cluster cluster;
    static ConfigurableApplicationContext greeterWeb;
    static MicroWeb web;

    @BeforeAll
    static void start(Cluster shared) {
        cluster = shared;
        greeterWeb = cluster.startWebApp(GreeterWebApplication.class, WebApplicationType.REACTIVE,
                "server.address=127.0.0.1", "server.port=0", "micro.web.name=go.micro.web.greeter");
        web = MicroWeb.start(cluster, "micro.web.auth.basic.username=" + USER,
                "micro.web.auth.basic.password=" + PASSWORD, "micro.web.auth.token=" + TOKEN);
    }

    @AfterAll
    static void stop() {
        web.close();
        greeterWeb.close();
    }

    @Test
    void everyDashboardPathRefusesARequestWithoutLoginWithGoMicroJson() {
        for (String path : DASHBOARD) {
            HttpResponse<String> refused = Http.get(web.url(path));
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Basic realm=\"micro web\"");
            assertThat(refused.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
            assertThat(refused.body()).as(path).isEqualTo("{\"id\":\"go.micro.web\",\"code\":401,\"detail\":"
                    + "\"micro web's dashboard needs a login: HTTP basic (the user of micro.web.auth.basic.username) "
                    + "or Authorization: Bearer and the token of micro.web.auth.token\",\"status\":\"Unauthorized\"}");
        }
        HttpResponse<String> rpc = Http.post(web.url("/rpc"), "application/json",
                "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Hello\",\"request\":{\"name\":\"John\"}}");
        assertThat(rpc.statusCode()).isEqualTo(401);
        HttpResponse<String> terminal = Http.post(web.url("/terminal"), "application/x-www-form-urlencoded",
                "line=list+services");
        assertThat(terminal.statusCode()).isEqualTo(401);
        assertThat(terminal.body()).contains("\"code\":401").doesNotContain("go.micro.srv.greeter");
    }

    @Test
    void theBasicUserAndTheTokenAreEachLetIn() {
        for (String path : DASHBOARD) {
            assertThat(Http.get(web.url(path), "Authorization", basic(USER, PASSWORD)).statusCode()).as(path)
                    .isEqualTo(200);
            assertThat(Http.get(web.url(path), "Authorization", "Bearer " + TOKEN).statusCode()).as(path)
                    .isEqualTo(200);
        }
        HttpResponse<String> rpc = Http.post(web.url("/rpc"), "application/json",
                "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Hello\",\"request\":{\"name\":\"John\"}}",
                "Authorization", basic(USER, PASSWORD));
        assertThat(rpc.statusCode()).isEqualTo(200);
        assertThat(rpc.body()).isEqualTo("{\"msg\":\"Hello John\"}");
        HttpResponse<String> terminal = Http.post(web.url("/terminal?format=json"),
                "application/x-www-form-urlencoded", "line=list+services", "Authorization", "Bearer " + TOKEN);
        assertThat(terminal.statusCode()).isEqualTo(200);
        assertThat(terminal.body()).contains("go.micro.srv.greeter");
    }

    @Test
    void aWrongPasswordUserOrTokenIsRefused() {
        for (String authorization : List.of(basic(USER, "wrong"), basic("someone", PASSWORD),
                "Bearer wrong-token", "Bearer " + TOKEN + "x", basic(USER, TOKEN))) {
            HttpResponse<String> refused = Http.get(web.url("/registry"), "Authorization", authorization);
            assertThat(refused.statusCode()).as(authorization).isEqualTo(401);
            assertThat(refused.body()).as(authorization).startsWith("{\"id\":\"go.micro.web\",\"code\":401,"
                    + "\"detail\":\"the login was refused; log in with HTTP basic").doesNotContain("Exception");
        }
    }

    @Test
    void theWebAppsAndTheHealthEndpointNeedNoLogin() {
        HttpResponse<String> app = Http.get(web.url("/greeter/web/hello?name=John"));
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.body()).isEqualTo("Hello John");
        assertThat(Http.get(web.url("/actuator/health")).statusCode()).isEqualTo(200);
    }

    @Test
    void theProxyPassesAnAuthorizationHeaderToTheWebAppUntouched() {
        String headersAddress = cluster.registry().getService("go.micro.api.headers").get(0).nodes().get(0).address();
        try (Registration headersApp = cluster.registerWeb("go.micro.web.headers", headersAddress, "/**")) {
            HttpResponse<String> app = Http.get(web.url("/headers/headers/show"), "Authorization", "Bearer the-apps");
            assertThat(app.statusCode()).isEqualTo(200);
            assertThat(app.body()).contains("\nauthorization: Bearer the-apps");
        }
    }

    @Test
    void aTokenAloneChallengesForABearerTokenAndRefusesBasic() {
        try (MicroWeb tokenOnly = MicroWeb.start(cluster, "micro.web.auth.token=" + TOKEN)) {
            HttpResponse<String> refused = Http.get(tokenOnly.url("/registry"), "Authorization",
                    basic(USER, PASSWORD));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"micro web\"");
            assertThat(refused.body()).contains("Authorization: Bearer").doesNotContain("HTTP basic");
            assertThat(Http.get(tokenOnly.url("/registry"), "Authorization", "Bearer " + TOKEN).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aPasswordWithoutAUserStopsStartupNamingTheSetting() {
        assertThatThrownBy(() -> MicroWeb.start(cluster, "micro.web.auth.basic.password=" + PASSWORD).close())
                .hasStackTraceContaining("micro.web.auth.basic.username")
                .hasStackTraceContaining("micro.web.auth.basic.password is set: name its user");
    }

    @Test
    void withoutLoginSettingsTheDashboardIsOpen() {
        try (MicroWeb open = MicroWeb.start(cluster)) {
            assertThat(Http.get(open.url("/registry")).statusCode()).isEqualTo(200);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
