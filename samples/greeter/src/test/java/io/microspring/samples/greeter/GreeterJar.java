package io.microspring.samples.greeter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import io.microspring.testing.ExternalProcess;

/**
 * The greeter jar as the build made it ({@code target/greeter.jar}), for the tests that start it as
 * a user would: the command that runs it, its registration read off its log, and a
 * {@code Say.Hello} over the go-micro wire.
 */
final class GreeterJar {

    /** The name the greeter registers under. */
    static final String SERVICE = "go.micro.srv.greeter";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private GreeterJar() {
    }

    /** {@code java [jvmOptions] -jar target/greeter.jar}, on this JVM, for the caller to add the application's arguments. */
    static ExternalProcess.Builder command(String name, String... jvmOptions) {
        return ExternalProcess.builder(name, Path.of(System.getProperty("java.home"), "bin", "java"))
                .args(jvmOptions)
                .args("-jar", Path.of("target", "greeter.jar").toAbsolutePath().toString());
    }

    /** The log line of a registration in {@code registry}: group 1 is the node id, group 2 its address. */
    static Pattern registered(String registry) {
        return Pattern.compile("Registry \\[" + Pattern.quote(registry) + "\\] Registered node (\\S+) of "
                + Pattern.quote(SERVICE) + " at (\\S+)");
    }

    /** Waits for the greeter's first registration in {@code registry} ({@link #registered}). */
    static MatchResult awaitRegistered(ExternalProcess greeter, String registry) {
        return greeter.awaitMatch(registered(registry), Duration.ofSeconds(120));
    }

    /** The body of the answer to {@code Say.Hello} for {@code name}, sent as JSON to the node at {@code address}. */
    static String sayHello(String address, String name) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + "/"))
                .header("Content-Type", "application/json")
                .header("Micro-Service", SERVICE)
                .header("Micro-Endpoint", "Say.Hello")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
