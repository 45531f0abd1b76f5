package io.microspring.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A small PKI for TLS tests, made once per JVM by {@code openssl} in a temp dir: a CA
 * with a server certificate (for {@code 127.0.0.1} and {@code localhost}, usable as a client
 * certificate too) and a client certificate, and a second, unrelated CA with a client certificate
 * of its own for the refused cases. Every certificate and key is a PEM file, which is what etcd,
 * Consul, NATS, RabbitMQ and the Go peers read; {@link #bundle} turns them into the Spring SSL
 * bundle properties of a Java node.
 */
public final class TestCertificates {

    private static final String PASSWORD = "micro-test";
    private static final String VALIDITY_DAYS = "7";
    private static TestCertificates shared;

    private final Path dir;
    private final Path ca;
    private final Path wrongCa;
    private final Pem server;
    private final Pem client;
    private final Pem wrongClient;

    /** A certificate and its private key, as PEM files. */
    public record Pem(Path certificate, Path privateKey) {
    }

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.ca = authority("ca", "/CN=micro test CA");
        this.wrongCa = authority("wrong-ca", "/CN=micro wrong CA");
        this.server = leaf("server", "ca", "/CN=micro test server", "IP:127.0.0.1,DNS:localhost");
        this.client = leaf("client", "ca", "/CN=micro test client", null);
        this.wrongClient = leaf("wrong-client", "wrong-ca", "/CN=micro wrong client", null);
    }

    /** The certificates of this JVM, made on first use. */
    public static synchronized TestCertificates shared() {
        if (shared == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("micro-tls-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TestTools.deleteRecursively(dir), "micro-tls-cleanup"));
            shared = new TestCertificates(dir);
        }
        return shared;
    }

    /** The CA that signed {@link #server()} and {@link #client()} (PEM). */
    public Path ca() {
        return ca;
    }

    /** A CA that signed neither, only {@link #wrongClient()} (PEM). */
    public Path wrongCa() {
        return wrongCa;
    }

    /** The server certificate: subject alternative names IP 127.0.0.1 and DNS localhost, server and client use. */
    public Pem server() {
        return server;
    }

    /** A client certificate signed by {@link #ca()}. */
    public Pem client() {
        return client;
    }

    /** A client certificate signed by {@link #wrongCa()}. */
    public Pem wrongClient() {
        return wrongClient;
    }

    /**
     * The properties of SSL bundle {@code spring.ssl.bundle.pem.<name>}: trusting {@code trusted},
     * with {@code own} as its certificate and key unless {@code null}.
     */
    public static List<String> bundle(String name, Path trusted, Pem own) {
        String prefix = "spring.ssl.bundle.pem." + name + ".";
        List<String> properties = new ArrayList<>();
        properties.add(prefix + "truststore.certificate=file:" + trusted);
        if (own != null) {
            properties.add(prefix + "keystore.certificate=file:" + own.certificate());
            properties.add(prefix + "keystore.private-key=file:" + own.privateKey());
        }
        return properties;
    }

    /** An SSL context trusting {@code trusted}, presenting {@code own} unless {@code null} (for readiness checks). */
    public static SSLContext sslContext(Path trusted, Pem own) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(own == null ? null : keyManagers(own).getKeyManagers(), trustManagers(trusted).getTrustManagers(),
                    new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an SSL context from " + trusted + " and " + own, e);
        }
    }

    /** Trust managers trusting the certificate in {@code trusted}. */
    public static TrustManagerFactory trustManagers(Path trusted) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("trusted", readCertificate(trusted));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            return trustManagers;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust " + trusted, e);
        }
    }

    /** Key managers presenting {@code own}. */
    public static KeyManagerFactory keyManagers(Pem own) {
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStoreOf(own), PASSWORD.toCharArray());
            return keyManagers;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read " + own, e);
        }
    }

    private Path authority(String name, String subject) {
        Path certificate = dir.resolve(name + ".pem");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key(name).toString(), "-out", certificate.toString(), "-days", VALIDITY_DAYS,
                "-subj", subject, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return certificate;
    }

    /** A key pair signed by {@code issuer}, for server and client use, with {@code san} unless {@code null}. */
    private Pem leaf(String name, String issuer, String subject, String san) {
        Path request = dir.resolve(name + ".csr");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key(name).toString(), "-out", request.toString(), "-subj", subject);
        Path extensions = dir.resolve(name + ".ext");
        try {
            Files.writeString(extensions, (san == null ? "" : "subjectAltName=" + san + "\n")
                    + "extendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature\n"
                    + "basicConstraints=CA:FALSE\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path certificate = dir.resolve(name + ".pem");
        openssl("x509", "-req", "-in", request.toString(), "-CA", dir.resolve(issuer + ".pem").toString(),
                "-CAkey", key(issuer).toString(), "-set_serial", Long.toString(System.nanoTime()),
                "-out", certificate.toString(), "-days", VALIDITY_DAYS, "-extfile", extensions.toString());
        return new Pem(certificate, key(name));
    }

    private static KeyStore keyStoreOf(Pem pem) throws GeneralSecurityException, IOException {
        String base64 = Files.readString(pem.privateKey()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(base64)));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("own", key, PASSWORD.toCharArray(), new Certificate[] {readCertificate(pem.certificate())});
        return store;
    }

    private static Certificate readCertificate(Path pem) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private Path key(String name) {
        return dir.resolve(name + "-key.pem");
    }

    private void openssl(String... args) {
        try (ExternalProcess process = ExternalProcess.builder("openssl", TestTools.require("openssl"))
                .directory(dir)
                .args(args)
                .start()) {
            int code = process.waitFor(Duration.ofSeconds(60));
            if (code != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " exited " + code + ": "
                        + process.lines());
            }
        }
    }
}
