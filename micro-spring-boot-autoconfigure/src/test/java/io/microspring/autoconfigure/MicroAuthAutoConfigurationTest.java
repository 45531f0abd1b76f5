package io.microspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.ParseException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.auth.AuthGuard;
import io.microspring.auth.BearerToken;
import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;
import io.microspring.testing.TestTokens;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** micro.auth: off unless configured, JWTs verified with a key or a key set, the client's token, clear startup errors. */
class MicroAuthAutoConfigurationTest {

    private static final String SERVICE = "go.micro.srv.guarded";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroCodecAutoConfiguration.class,
                    MicroRegistryAutoConfiguration.class, MicroRegistryCacheAutoConfiguration.class,
                    MicroTransportAutoConfiguration.class, MicroSelectorAutoConfiguration.class,
                    MicroClientAutoConfiguration.class, MicroAuthAutoConfiguration.class,
                    MicroServerAutoConfiguration.class))
            .withPropertyValues("micro.registry=memory", "micro.server-address=127.0.0.1:0",
                    "micro.debug.enabled=false");

    static TestTokens tokens;

    @MicroService(name = SERVICE)
    static class Say {
        @MicroHandler
        public String whoami(String ignored, Metadata metadata) {
            return metadata.get(BearerToken.METADATA_KEY).orElse("nobody");
        }
    }

    @BeforeAll
    static void keys() {
        tokens = TestTokens.generate();
    }

    @Test
    void whenNothingIsConfiguredThenCallsNeedNoToken() {
        runner.withBean(Say.class).run(context -> {
            assertThat(context).doesNotHaveBean(AuthGuard.class);
            assertThat(whoami(context.getBean(MicroClient.class), CallOptions.none())).isEqualTo("nobody");
        });
    }

    @Test
    void whenAPublicKeyIsSetThenCallsNeedATokenItSigned() {
        runner.withBean(Say.class).withPropertyValues("micro.auth.public-key=" + tokens.publicKeyBase64())
                .run(context -> {
                    MicroClient client = context.getBean(MicroClient.class);
                    assertThatThrownBy(() -> whoami(client, CallOptions.none()))
                            .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(401));
                    String token = tokens.token();
                    assertThat(whoami(client, CallOptions.builder().metadata(BearerToken.metadata(token)).build()))
                            .isEqualTo("Bearer " + token);
                });
    }

    @Test
    void whenAJwkSetUriIsSetThenTheKeysAreFetchedFromIt() throws ParseException {
        String token = tokens.token();
        String keyId = SignedJWT.parse(token).getHeader().getKeyID();
        String keySet = new JWKSet(new RSAKey.Builder(tokens.publicKey()).keyID(keyId).build()).toString();
        DisposableServer jwks = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/jwks", (request, response) -> response.sendString(Mono.just(keySet))))
                .bindNow();
        try {
            runner.withBean(Say.class).withPropertyValues("micro.auth.jwk-set-uri=http://127.0.0.1:" + jwks.port()
                    + "/jwks").run(context -> {
                        MicroClient client = context.getBean(MicroClient.class);
                        assertThat(whoami(client, CallOptions.builder().metadata(BearerToken.metadata(token)).build()))
                                .isEqualTo("Bearer " + token);
                        String foreign = TestTokens.generate().token();
                        assertThatThrownBy(() -> whoami(client, CallOptions.builder()
                                .metadata(BearerToken.metadata(foreign)).build()))
                                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(401));
                    });
        } finally {
            jwks.disposeNow();
        }
    }

    /** The beans of an application built by Spring AOT without micro.auth: no auth configuration among them. */
    @Test
    void whenAuthIsConfiguredButItsBeansWereNotBuiltInThenStartupFailsInsteadOfServingUnguarded() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MicroCodecAutoConfiguration.class,
                        MicroRegistryAutoConfiguration.class, MicroRegistryCacheAutoConfiguration.class,
                        MicroTransportAutoConfiguration.class, MicroSelectorAutoConfiguration.class,
                        MicroClientAutoConfiguration.class, MicroServerAutoConfiguration.class))
                .withPropertyValues("micro.registry=memory", "micro.server-address=127.0.0.1:0",
                        "micro.debug.enabled=false", "micro.auth.public-key=" + tokens.publicKeyBase64())
                .withBean(Say.class)
                .run(context -> assertThat(context).getFailure()
                        .rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("micro.auth").hasMessageContaining("calls would not be verified")
                        .hasMessageContaining("Spring AOT"));
    }

    @Test
    void whenAClientTokenIsSetThenEveryCallCarriesIt() {
        runner.withBean(Say.class).withPropertyValues("micro.auth.token=t-123").run(context ->
                assertThat(whoami(context.getBean(MicroClient.class), CallOptions.none())).isEqualTo("Bearer t-123"));
    }

    @Test
    void whenRulesAreSetWithoutAKeyThenStartupFailsNamingTheKeyProperties() {
        runner.withBean(Say.class).withPropertyValues("micro.auth.rules[Say.Whoami]=public").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("set micro.auth.public-key, "
                        + "micro.auth.public-key-location or micro.auth.jwk-set-uri"));
    }

    @Test
    void whenSpringSecuritysJwtSupportIsMissingThenStartupFailsNamingTheDependency() {
        runner.withBean(Say.class).withClassLoader(new FilteredClassLoader(NimbusReactiveJwtDecoder.class))
                .withPropertyValues("micro.auth.public-key=" + tokens.publicKeyPem())
                .run(context ->
                        assertThat(context).getFailure().rootCause().hasMessageContaining(
                                "spring-boot-starter-security-oauth2-resource-server"));
    }

    private static String whoami(MicroClient client, CallOptions options) {
        return client.callBlocking(SERVICE, "Say.Whoami", "", String.class, options);
    }
}
