package io.microspring.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.auth.BearerToken;
import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.errors.MicroException;
import io.microspring.interop.proto.HelloRequest;
import io.microspring.interop.proto.HelloResponse;
import io.microspring.testing.GoPeers;
import io.microspring.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * go-micro's auth against ours, both directions: tokens issued by go-micro's jwt provider
 * ({@code auth/jwt}), sent by its client wrapper ({@code wrapper/auth.FromToken}) to a Java service
 * that requires auth, and sent by the Java client to a go-micro service behind {@code AuthHandler}.
 * Both sides: {@code Say.Hello} any valid token, {@code Say.Admin} scope {@code admin},
 * {@code Say.Public} no token.
 */
class AuthInteropIT {

    private static final String SERVICE = "go.micro.srv.authgreeter";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static TestTokens keys;
    static Map<String, String> goKeys;
    static String userToken;
    static String adminToken;
    static String foreignToken;
    static ConfigurableApplicationContext java;
    static String javaAddress;
    static GoPeers.Peer go;
    static MicroClient client;

    @BeforeAll
    static void start() {
        keys = TestTokens.generate();
        goKeys = goKeys(keys);
        userToken = goToken(goKeys, "");
        adminToken = goToken(goKeys, "admin");
        foreignToken = goToken(goKeys(TestTokens.generate()), "admin");
        java = JavaGreeterApplication.start("--micro.registry=memory", "--micro.server-name=" + SERVICE,
                "--micro.server-address=127.0.0.1:0", "--micro.auth.public-key=" + keys.publicKeyBase64());
        javaAddress = JavaGreeterApplication.address(java);
        client = java.getBean(MicroClient.class);
        go = GoPeers.startPeer("auth-peer", goKeys, "--mode=serve");
    }

    @AfterAll
    static void stop() {
        if (go != null) {
            go.close();
        }
        if (java != null) {
            java.close();
        }
    }

    @Test
    void goClientWithAValidTokenIsServedByTheJavaService() {
        assertThat(json(goCall("Say.Hello", userToken).lastLine()).path("msg").asString()).isEqualTo("Hello John");
        assertThat(json(goCall("Say.Admin", adminToken).lastLine()).path("msg").asString()).isEqualTo("Admin John");
        assertThat(json(goCall("Say.Public", "").lastLine()).path("msg").asString()).isEqualTo("Public John");
    }

    @Test
    void goClientWithoutAValidTokenIsRefusedByTheJavaServiceWith401() {
        for (String token : new String[] {"", "not-a-jwt", foreignToken}) {
            GoPeers.Result result = goCall("Say.Hello", token);
            assertThat(result.exitCode()).as(token).isEqualTo(1);
            JsonNode error = json(result.lastLine());
            assertThat(error.path("id").asString()).isEqualTo(SERVICE);
            assertThat(error.path("code").asInt()).isEqualTo(401);
            assertThat(error.path("status").asString()).isEqualTo("Unauthorized");
            assertThat(error.path("detail").asString()).as(token)
                    .startsWith(token.isEmpty() ? "missing authorization token" : "invalid token");
        }
    }

    @Test
    void goClientWithoutTheScopeIsRefusedByTheJavaServiceWith403() {
        GoPeers.Result result = goCall("Say.Admin", userToken);
        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode error = json(result.lastLine());
        assertThat(error.path("id").asString()).isEqualTo(SERVICE);
        assertThat(error.path("code").asInt()).isEqualTo(403);
        assertThat(error.path("status").asString()).isEqualTo("Forbidden");
        assertThat(error.path("detail").asString()).isEqualTo("access denied to Say.Admin: it needs scope admin");
    }

    @Test
    void javaClientWithAValidTokenIsServedByTheGoService() {
        assertThat(callGo("Say.Hello", userToken).getMsg()).isEqualTo("Hello John");
        assertThat(callGo("Say.Admin", adminToken).getMsg()).isEqualTo("Admin John");
        assertThat(callGo("Say.Public", null).getMsg()).isEqualTo("Public John");
    }

    @Test
    void javaClientIsRefusedByTheGoServiceWithoutAValidTokenOrTheScope() {
        assertThatThrownBy(() -> callGo("Say.Hello", null)).isInstanceOfSatisfying(MicroException.class, e -> {
            assertThat(e.code()).isEqualTo(401);
            assertThat(e.id()).isEqualTo(SERVICE);
            assertThat(e.detail()).isEqualTo("missing authorization token");
        });
        assertThatThrownBy(() -> callGo("Say.Hello", foreignToken)).isInstanceOfSatisfying(MicroException.class,
                e -> assertThat(e.code()).isEqualTo(401));
        assertThatThrownBy(() -> callGo("Say.Admin", userToken)).isInstanceOfSatisfying(MicroException.class, e -> {
            assertThat(e.code()).isEqualTo(403);
            assertThat(e.detail()).isEqualTo("access denied to Say.Admin");
        });
    }

    /** A token Spring Security signs in go-micro's format passes go-micro's jwt provider. */
    @Test
    void tokensSignedInJavaAreAcceptedByTheGoService() {
        assertThat(callGo("Say.Admin", keys.token("admin")).getMsg()).isEqualTo("Admin John");
    }

    /** micro.auth.token: the client sends it with every call, no call options needed. */
    @Test
    void aConfiguredClientTokenReachesTheGoService() {
        try (ConfigurableApplicationContext caller = JavaGreeterApplication.start("--micro.registry=memory",
                "--micro.server-name=java.auth.caller", "--micro.server-address=127.0.0.1:0",
                "--micro.auth.token=" + adminToken)) {
            HelloResponse response = caller.getBean(MicroClient.class).callBlocking(SERVICE, "Say.Admin",
                    HelloRequest.newBuilder().setName("John").build(), HelloResponse.class, CallOptions.builder()
                            .address(go.address()).contentType("application/json").build());
            assertThat(response.getMsg()).isEqualTo("Admin John");
        }
    }

    private static HelloResponse callGo(String endpoint, String token) {
        CallOptions.Builder options = CallOptions.builder().address(go.address()).contentType("application/json")
                .requestTimeout(Duration.ofSeconds(10));
        if (token != null) {
            options.metadata(BearerToken.metadata(token));
        }
        return client.callBlocking(SERVICE, endpoint, HelloRequest.newBuilder().setName("John").build(),
                HelloResponse.class, options.build());
    }

    private static GoPeers.Result goCall(String endpoint, String token) {
        return GoPeers.run("auth-peer", Map.of(), Duration.ofSeconds(60), "--mode=call", "--address=" + javaAddress,
                "--service=" + SERVICE, "--endpoint=" + endpoint, "--token=" + token);
    }

    private static String goToken(Map<String, String> env, String scopes) {
        GoPeers.Result result = GoPeers.run("auth-peer", env, Duration.ofSeconds(60), "--mode=token", "--id=alice",
                "--scopes=" + scopes);
        assertThat(result.exitCode()).as(result.stderr().toString()).isZero();
        return result.lastLine().strip();
    }

    /** The keys as go-micro's environment variables hold them. */
    private static Map<String, String> goKeys(TestTokens tokens) {
        return Map.of("MICRO_AUTH_PUBLIC_KEY", tokens.publicKeyBase64(), "MICRO_AUTH_PRIVATE_KEY",
                tokens.privateKeyBase64());
    }

    private static JsonNode json(String line) {
        return JSON.readTree(line);
    }
}
