package io.microspring.autoconfigure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import io.microspring.auth.Access;
import io.microspring.auth.AccessRules;
import io.microspring.auth.AuthGuard;
import io.microspring.auth.Authorizer;
import io.microspring.auth.TokenVerifier;

/**
 * Auth compatible with go-micro's, once {@code micro.auth} names a key (or rules): tokens verified
 * as JWTs with Spring Security ({@code spring-security-oauth2-jose}, optional: without it this
 * fails at startup saying what to add), the {@link AccessRules} of {@code micro.auth.rules}, and the
 * {@link AuthGuard} that makes the service refuse calls they do not allow. The token the client
 * sends ({@code micro.auth.token}) needs none of this; see {@link MicroClientAutoConfiguration}.
 */
@AutoConfiguration(before = MicroServerAutoConfiguration.class)
@Conditional(MicroAuthAutoConfiguration.VerificationConfigured.class)
@EnableConfigurationProperties(MicroAuthProperties.class)
public class MicroAuthAutoConfiguration {

    /** How long fetching a JSON Web Key Set may take. */
    static final Duration JWK_SET_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    @ConditionalOnMissingBean
    AccessRules microAccessRules(MicroAuthProperties properties) {
        return AccessRules.parse(properties.getRules(), Access.parse(properties.getDefaultAccess(),
                "micro.auth.default-access"), "micro.auth.rules");
    }

    @Bean
    @ConditionalOnMissingBean
    Authorizer microAuthorizer(TokenVerifier verifier, AccessRules rules) {
        return new Authorizer(verifier, rules);
    }

    /** Outermost, so that no other wrapper runs for a refused call. */
    @Bean
    @ConditionalOnMissingBean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    AuthGuard microAuthGuard(Authorizer authorizer) {
        return new AuthGuard(authorizer);
    }

    /** JWTs verified with the configured public key or key set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(NimbusReactiveJwtDecoder.class)
    static class JwtVerification {

        @Bean
        @ConditionalOnMissingBean
        TokenVerifier microTokenVerifier(MicroAuthProperties properties) {
            if (properties.getJwkSetUri() != null && !properties.getJwkSetUri().isBlank()) {
                JwkSetSource keys = new JwkSetSource(properties.getJwkSetUri().strip(), JWK_SET_TIMEOUT);
                return new JwtTokenVerifier(NimbusReactiveJwtDecoder.withJwkSource(keys::keysFor).build());
            }
            return new JwtTokenVerifier(NimbusReactiveJwtDecoder.withPublicKey(publicKey(properties)).build());
        }

        private static RSAPublicKey publicKey(MicroAuthProperties properties) {
            if (properties.getPublicKeyLocation() != null) {
                try (InputStream in = properties.getPublicKeyLocation().getInputStream()) {
                    return pem(new String(in.readAllBytes(), StandardCharsets.US_ASCII),
                            "micro.auth.public-key-location", properties.getPublicKeyLocation().getDescription());
                } catch (IOException e) {
                    throw new InvalidConfigurationPropertyValueException("micro.auth.public-key-location",
                            properties.getPublicKeyLocation().getDescription(), "cannot be read: " + e.getMessage());
                }
            }
            String key = properties.getPublicKey();
            if (key == null || key.isBlank()) {
                throw new InvalidConfigurationPropertyValueException("micro.auth.public-key", key, "auth rules are set "
                        + "but no key to verify tokens with: set micro.auth.public-key, micro.auth.public-key-location "
                        + "or micro.auth.jwk-set-uri");
            }
            String text = key.strip();
            if (!text.startsWith("-----BEGIN")) {
                try {
                    text = new String(Base64.getMimeDecoder().decode(text), StandardCharsets.US_ASCII);
                } catch (IllegalArgumentException e) {
                    throw new InvalidConfigurationPropertyValueException("micro.auth.public-key", "(not shown)",
                            "must be a PEM public key, or one in base64 as go-micro's MICRO_AUTH_PUBLIC_KEY");
                }
            }
            return pem(text, "micro.auth.public-key", "(not shown)");
        }

        private static RSAPublicKey pem(String text, String property, String shown) {
            try {
                return RsaKeyConverters.x509().convert(new ByteArrayInputStream(
                        text.strip().getBytes(StandardCharsets.US_ASCII)));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationPropertyValueException(property, shown, "must be an RSA public key in "
                        + "PEM (-----BEGIN PUBLIC KEY-----): " + e.getMessage());
            }
        }
    }

    /** Auth is configured but Spring Security's JWT support is not on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder")
    static class MissingJwtSupport {

        @Bean
        @ConditionalOnMissingBean
        TokenVerifier microTokenVerifier() {
            throw new IllegalStateException("micro.auth asks for calls to be verified, which needs Spring Security's "
                    + "JWT support: add the dependency org.springframework.boot:"
                    + "spring-boot-starter-security-oauth2-resource-server (or org.springframework.security:"
                    + "spring-security-oauth2-jose), or provide a TokenVerifier bean");
        }
    }

    /** Matches when {@code micro.auth} configures verification: a key, a key set, or rules. */
    static class VerificationConfigured extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            boolean verifies = Binder.get(context.getEnvironment()).bind("micro.auth", MicroAuthProperties.class)
                    .map(MicroAuthProperties::verifies).orElse(false);
            return verifies ? ConditionOutcome.match("micro.auth configures verification")
                    : ConditionOutcome.noMatch("micro.auth names no key, key set or rule");
        }
    }
}
