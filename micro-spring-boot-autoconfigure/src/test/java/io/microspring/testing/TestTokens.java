package io.microspring.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * An RSA key pair for auth tests, its keys in the forms go-micro takes them (PEM, and base64 of the
 * PEM as in {@code MICRO_AUTH_PUBLIC_KEY}), and JWTs signed with it in go-micro's format
 * ({@code sub}, {@code type}, {@code scopes}, RS256).
 */
public final class TestTokens {

    private final KeyPair keys;

    private TestTokens(KeyPair keys) {
        this.keys = keys;
    }

    /** A new 2048-bit key pair. */
    public static TestTokens generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestTokens(generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no RSA", e);
        }
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}). */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", keys.getPublic().getEncoded());
    }

    /** Base64 of the public key's PEM, as go-micro's {@code MICRO_AUTH_PUBLIC_KEY}. */
    public String publicKeyBase64() {
        return base64(publicKeyPem());
    }

    /** Base64 of the private key's PEM (PKCS #8), as go-micro's {@code MICRO_AUTH_PRIVATE_KEY}. */
    public String privateKeyBase64() {
        return base64(pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }

    /** A token of subject {@code alice} with {@code scopes}, valid for five minutes. */
    public String token(String... scopes) {
        return tokenExpiringAt(Instant.now().plus(Duration.ofMinutes(5)), scopes);
    }

    /** A token of subject {@code alice} with {@code scopes}, expiring at {@code expiresAt}. */
    public String tokenExpiringAt(Instant expiresAt, String... scopes) {
        NimbusJwtEncoder encoder = NimbusJwtEncoder.withKeyPair(publicKey(), (RSAPrivateKey) keys.getPrivate())
                .build();
        JwtClaimsSet claims = JwtClaimsSet.builder().subject("alice").claim("type", "user")
                .claim("scopes", List.of(scopes)).issuedAt(expiresAt.minus(Duration.ofMinutes(10)))
                .expiresAt(expiresAt).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
