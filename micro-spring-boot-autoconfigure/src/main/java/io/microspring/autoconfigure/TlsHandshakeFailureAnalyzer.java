package io.microspring.autoconfigure;

import java.util.regex.Pattern;

import javax.net.ssl.SSLHandshakeException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import io.microspring.broker.BrokerException;
import io.microspring.registry.RegistrationException;

/**
 * Reports a TLS handshake with the registry or the broker that failed while the application
 * started: why it failed (the server's certificate is not trusted, does not name the address, or
 * the server refused this client's certificate) and the SSL bundle property to change. Comes
 * before the reports of unreachable registries and brokers, which would send the user looking for
 * a server that is running.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class TlsHandshakeFailureAnalyzer extends AbstractFailureAnalyzer<SSLHandshakeException> {

    /** The {@code user:password@} of an address such as {@code amqps://guest:guest@host:5671}. */
    private static final Pattern USER_INFO = Pattern.compile("//[^/@,]*@");

    private final Environment environment;

    TlsHandshakeFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SSLHandshakeException cause) {
        RegistrationException registration = findCause(rootFailure, RegistrationException.class);
        String what;
        String bundleProperty;
        if (registration != null) {
            what = "Service " + registration.service() + " could not register with the " + registration.registry()
                    + " registry at " + environment.getProperty("micro.registry-address", "its default address");
            bundleProperty = "micro." + registration.registry() + ".tls.bundle";
        } else if (findCause(rootFailure, BrokerException.class) != null) {
            String broker = environment.getProperty("micro.broker", "http");
            String address = environment.getProperty("micro.broker-address", "its default address");
            what = "The " + broker + " broker could not connect to " + USER_INFO.matcher(address).replaceAll("//");
            bundleProperty = "micro." + broker + ".ssl-bundle";
        } else {
            return null;
        }
        String bundle = environment.getProperty(bundleProperty);
        String trust = bundle == null || bundle.isBlank() ? "the JVM's trust store (" + bundleProperty + " is not set)"
                : "SSL bundle '" + bundle + "' (" + bundleProperty + ")";
        String description = what + ": the TLS handshake failed, " + reason(cause.getMessage(), trust) + ".\n("
                + cause.getMessage() + ")";
        String where = bundle == null || bundle.isBlank() ? "<name>" : bundle;
        String action = "Trust the CA that signed the server's certificate: put it into the trust store of the bundle"
                + " (spring.ssl.bundle.pem." + where + ".truststore.certificate, or spring.ssl.bundle.jks." + where
                + ".truststore.location) and name the bundle with " + bundleProperty + ". The server's certificate"
                + " must name the host dialled, and a server that asks for client certificates needs one its CA"
                + " signed in the bundle's key store (spring.ssl.bundle.pem." + where + ".keystore.*).";
        return new FailureAnalysis(description, action, cause);
    }

    private static String reason(String message, String trust) {
        String text = message == null ? "" : message;
        if (text.contains("certification path")) {
            return "the server's certificate is not trusted by " + trust;
        }
        if (text.contains("subject alternative name") || text.contains("No name matching")) {
            return "the server's certificate does not name the host dialled";
        }
        if (text.contains("alert")) {
            return "the server refused this client's certificate, or wants one: the client certificate comes from "
                    + trust;
        }
        return "with the TLS settings of " + trust;
    }
}
