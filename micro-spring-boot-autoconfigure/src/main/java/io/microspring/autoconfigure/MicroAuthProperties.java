package io.microspring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Auth compatible with go-micro's ({@code micro.auth.*}): the key tokens are verified with, which
 * access each endpoint needs, and the token this application's client sends.
 */
@ConfigurationProperties("micro.auth")
public class MicroAuthProperties {

    /** Default: an endpoint no rule covers needs a valid token. */
    public static final String DEFAULT_ACCESS = "authenticated";

    /**
     * RSA public key that signs the tokens: PEM ({@code -----BEGIN PUBLIC KEY-----}), or PEM in
     * base64 as go-micro's {@code MICRO_AUTH_PUBLIC_KEY} holds it.
     */
    private String publicKey;

    /** Location of a PEM file with the RSA public key that signs the tokens. */
    private Resource publicKeyLocation;

    /** URI of a JSON Web Key Set with the keys that sign the tokens. */
    private String jwkSetUri;

    /**
     * Access per endpoint, overriding {@code @MicroHandler(auth = ...)}: keys are endpoint names
     * ({@code Say.Hello}) or beginnings ending in {@code *} ({@code Say.*}, at the gateway also paths
     * such as {@code /files/*}); values {@code public}, {@code authenticated} or {@code scope:<name>}.
     */
    private Map<String, String> rules = new LinkedHashMap<>();

    /** Access to endpoints that no rule and no annotation covers. */
    private String defaultAccess = DEFAULT_ACCESS;

    /**
     * Bearer token this application's client sends with every call, instead of the one of the call
     * it is serving (which is passed on otherwise).
     */
    private String token;

    /** Whether calls are verified: a key, a key set, or rules are configured. */
    boolean verifies() {
        return hasText(publicKey) || publicKeyLocation != null || hasText(jwkSetUri) || !rules.isEmpty()
                || !DEFAULT_ACCESS.equals(defaultAccess);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    public String getPublicKey() {
        return publicKey;
    }

    public void setPublicKey(String publicKey) {
        this.publicKey = publicKey;
    }

    public Resource getPublicKeyLocation() {
        return publicKeyLocation;
    }

    public void setPublicKeyLocation(Resource publicKeyLocation) {
        this.publicKeyLocation = publicKeyLocation;
    }

    public String getJwkSetUri() {
        return jwkSetUri;
    }

    public void setJwkSetUri(String jwkSetUri) {
        this.jwkSetUri = jwkSetUri;
    }

    public Map<String, String> getRules() {
        return rules;
    }

    public void setRules(Map<String, String> rules) {
        this.rules = rules;
    }

    public String getDefaultAccess() {
        return defaultAccess;
    }

    public void setDefaultAccess(String defaultAccess) {
        this.defaultAccess = defaultAccess;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }
}
