package io.microspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import io.microspring.broker.BrokerException;
import io.microspring.registry.RegistrationException;

class TlsHandshakeFailureAnalyzerTest {

    private final MockEnvironment environment = new MockEnvironment();
    private final TlsHandshakeFailureAnalyzer analyzer = new TlsHandshakeFailureAnalyzer(environment);

    @Test
    void whenTheRegistrysCertificateNamesAnotherHostThenTheReportSaysSo() {
        environment.setProperty("micro.registry-address", "127.0.0.2:2379");
        environment.setProperty("micro.etcd.tls.bundle", "etcd");
        FailureAnalysis analysis = analyzer.analyze(new RegistrationException("etcd", "greeter", new IllegalStateException(
                "lease failed", handshake("No subject alternative names matching IP address 127.0.0.2 found"))));

        assertThat(analysis.getDescription()).startsWith("Service greeter could not register with the etcd registry at "
                + "127.0.0.2:2379: the TLS handshake failed, the server's certificate does not name the host dialled.");
        assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.etcd.truststore.certificate")
                .contains("micro.etcd.tls.bundle");
    }

    @Test
    void whenTheBrokerRefusesTheClientCertificateThenTheReportNamesTheBundleItCameFrom() {
        environment.setProperty("micro.broker", "rabbitmq");
        environment.setProperty("micro.broker-address", "amqps://guest:secret@127.0.0.1:5671");
        environment.setProperty("micro.rabbitmq.ssl-bundle", "rabbit");
        FailureAnalysis analysis = analyzer.analyze(new BrokerException("Cannot connect",
                handshake("Received fatal alert: bad_certificate")));

        assertThat(analysis.getDescription()).startsWith("The rabbitmq broker could not connect to amqps://127.0.0.1:5671:"
                + " the TLS handshake failed, the server refused this client's certificate, or wants one: the client"
                + " certificate comes from SSL bundle 'rabbit' (micro.rabbitmq.ssl-bundle).")
                .doesNotContain("secret");
    }

    @Test
    void whenNoBundleIsNamedThenTheReportBlamesTheJvmsTrustStore() {
        environment.setProperty("micro.broker", "nats");
        FailureAnalysis analysis = analyzer.analyze(new BrokerException("Cannot connect",
                handshake("PKIX path building failed: unable to find valid certification path to requested target")));

        assertThat(analysis.getDescription()).contains("the server's certificate is not trusted by the JVM's trust store"
                + " (micro.nats.ssl-bundle is not set)");
        assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.<name>.truststore.certificate");
    }

    @Test
    void whenTheHandshakeIsNeitherTheRegistrysNorTheBrokersThenItIsLeftToOtherReports() {
        assertThat(analyzer.analyze(new IllegalStateException("startup", handshake("anything")))).isNull();
    }

    private static SSLHandshakeException handshake(String message) {
        return new SSLHandshakeException(message);
    }
}
