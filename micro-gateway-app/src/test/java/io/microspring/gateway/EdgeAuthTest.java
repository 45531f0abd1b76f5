package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.Http;
import io.microspring.testing.TestTokens;

/**
 * Tokens checked at the edge ({@code micro.auth.*} on the gateway): requests without a valid token,
 * or without the scope a rule asks, are answered with go-micro's 401 or 403 JSON before any service
 * is called; admitted requests carry the token on to the service. The backends here require no
 * auth themselves, so every refusal seen comes from the gateway.
 */
@ExtendWith(ClusterExtension.class)
class EdgeAuthTest {

    static TestTokens tokens;
    static Cluster.Gateway gateway;

    @BeforeAll
    static void start(Cluster cluster) {
        tokens = TestTokens.generate();
        gateway = cluster.gateway("micro.auth.public-key=" + tokens.publicKeyBase64(),
                "micro.auth.rules[Echo.Call]=scope:admin", "micro.auth.rules[/headers/*]=public");
    }

    @Test
    void aRequestWithoutATokenIsA401FromTheGateway() {
        HttpResponse<String> response = Http.post(gateway.url("/test/echo/metadata"), "application/json", "{}");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"id\":\"go.micro.api\",\"code\":401,\"detail\":\"missing "
                + "authorization token: Echo.Metadata needs a bearer token (Authorization: Bearer <token>)\","
                + "\"status\":\"Unauthorized\"}");
    }

    @Test
    void invalidTokensAreA401SayingWhy() {
        HttpResponse<String> expired = Http.post(gateway.url("/test/echo/metadata"), "application/json", "{}",
                "Authorization", "Bearer " + tokens.tokenExpiringAt(Instant.now().minus(Duration.ofMinutes(5))));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("\"detail\":\"invalid token: ").contains("expired");

        HttpResponse<String> basic = Http.post(gateway.url("/test/echo/metadata"), "application/json", "{}",
                "Authorization", "Basic dXNlcjpwYXNz");
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).contains("expected 'Bearer <token>' in Authorization");
    }

    @Test
    void aValidTokenIsAdmittedAndTravelsOnToTheService() {
        String token = tokens.token();
        HttpResponse<String> response = Http.post(gateway.url("/test/echo/metadata"), "application/json", "{}",
                "Authorization", "Bearer " + token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"Authorization\":\"Bearer " + token + "\"");
    }

    @Test
    void aRuleAskingForAScopeRefusesOtherTokensWith403() {
        HttpResponse<String> user = Http.post(gateway.url("/test/echo/call"), "application/json", "{\"a\":1}",
                "Authorization", "Bearer " + tokens.token("reader"));
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(user.body()).isEqualTo("{\"id\":\"go.micro.api\",\"code\":403,\"detail\":\"access denied to "
                + "Echo.Call: it needs scope admin\",\"status\":\"Forbidden\"}");

        HttpResponse<String> admin = Http.post(gateway.url("/test/echo/call"), "application/json", "{\"a\":1}",
                "Authorization", "Bearer " + tokens.token("admin"));
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).isEqualTo("{\"a\":1}");
    }

    @Test
    void publicEndpointsAndPathsNeedNoToken() {
        HttpResponse<String> declared = Http.post(gateway.url("/test/echo/hello"), "application/json",
                "{\"name\":\"P\"}");
        assertThat(declared.statusCode()).as("Echo.Hello declares @MicroHandler(auth = \"public\")").isEqualTo(200);
        assertThat(declared.body()).isEqualTo("{\"msg\":\"Hello P\"}");
        assertThat(Http.get(gateway.url("/headers/x")).statusCode()).as("rule /headers/* is public").isEqualTo(200);
    }

    @Test
    void rpcCallsAreCheckedToo() {
        HttpResponse<String> refused = Http.post(gateway.url("/rpc"), "application/json",
                "{\"service\":\"go.micro.api.test\",\"endpoint\":\"Echo.Call\",\"request\":{}}");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"id\":\"go.micro.api\"");
        HttpResponse<String> admitted = Http.post(gateway.url("/rpc"), "application/json",
                "{\"service\":\"go.micro.api.test\",\"endpoint\":\"Echo.Call\",\"request\":{\"b\":2}}",
                "Authorization", "Bearer " + tokens.token("admin"));
        assertThat(admitted.statusCode()).isEqualTo(200);
        assertThat(admitted.body()).isEqualTo("{\"b\":2}");
    }
}
