package io.microspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.microspring.registry.scenarios.GreeterNodeApplication;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.FreePorts;

/**
 * What a person sees on the console when a service cannot start: a service started as its own
 * process, with go-micro's flags, prints Spring Boot's failure report (Description and Action)
 * and no stack trace.
 */
class StartupFailureReportIT {

    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at \\S+\\(|^Caused by: ");

    @ParameterizedTest
    @CsvSource({
            "--registry=etcd, jetcd-, micro.registry=etcd needs the etcd client (io.etcd:jetcd-core), "
                    + "micro-spring-boot-starter-etcd",
            "--registry=consul, consul-api-, "
                    + "micro.registry=consul needs the Consul client (com.ecwid.consul:consul-api), "
                    + "micro-spring-boot-starter-consul",
            "--broker=nats, jnats-, micro.broker=nats needs the NATS client (io.nats:jnats), "
                    + "micro-spring-boot-starter-nats",
            "--broker=rabbitmq, amqp-client-, "
                    + "micro.broker=rabbitmq needs the RabbitMQ client (com.rabbitmq:amqp-client), "
                    + "micro-spring-boot-starter-rabbitmq"})
    void whenThePluginLibraryIsMissingThenTheReportNamesTheStarterToAdd(String flag, String missingJar,
            String description, String starter) {
        String output = failedStart(classPathWithout(missingJar), flag);
        assertReport(output);
        assertThat(output).contains(description + ", which is not on the class path.")
                .contains("Add the starter io.microspring:" + starter + " to the application's dependencies:")
                .contains("<groupId>io.microspring</groupId>")
                .contains("<artifactId>" + starter + "</artifactId>");
    }

    @ParameterizedTest
    @CsvSource({"etcd", "consul"})
    void whenTheRegistryCannotBeReachedThenTheReportNamesItsAddressAndTheProperties(String registry) {
        String address = "127.0.0.1:" + FreePorts.find(); // nothing listens there
        String output = failedStart(System.getProperty("java.class.path"), "--registry=" + registry,
                "--registry_address=" + address, "--micro.etcd.dial-timeout=1s", "--micro.consul.timeout=1s");
        assertReport(output);
        assertThat(output).contains("Service greeter could not register with the " + registry + " registry at "
                + address + " (micro.registry-address):")
                .contains("Start the " + registry + " registry, or point micro.registry-address "
                        + "(MICRO_REGISTRY_ADDRESS, --registry_address) at a running one")
                .contains("set micro.register-fail-fast=false");
    }

    @Test
    void whenTheServerAddressIsTakenThenTheReportNamesItAndTheProperty() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            String output = failedStart(System.getProperty("java.class.path"), "--registry=memory",
                    "--server_address=" + address);
            assertReport(output);
            assertThat(output).contains("The micro server could not listen on " + address
                    + " (micro.server-address): Address already in use.")
                    .contains("Stop the process that listens on " + address + ", or set micro.server-address "
                            + "(MICRO_SERVER_ADDRESS, --server_address) to a free host:port");
        }
    }

    /** Starts the greeter node with {@code args}, waits for it to fail, and returns what it printed. */
    static String failedStart(String classPath, String... args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try (ExternalProcess process = ExternalProcess.builder("failing-greeter", java)
                .args("-XX:TieredStopAtLevel=1", "-cp", classPath, GreeterNodeApplication.class.getName(),
                        "--server_name=greeter", "--node.name=failing")
                .args(args)
                .start()) {
            assertThat(process.waitFor(Duration.ofSeconds(90))).as("exit code").isNotZero();
            return process.lines().stream().map(ExternalProcess.Line::text).collect(Collectors.joining("\n"));
        }
    }

    static void assertReport(String output) {
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Description:").contains("Action:");
        assertThat(output.lines()).as("stack frames on the console")
                .noneMatch(line -> STACK_FRAME.matcher(line).find());
        assertThat(output).doesNotContain("at io.");
    }

    private static String classPathWithout(String jarPrefix) {
        List<String> all = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> kept = all.stream()
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith(jarPrefix))
                .toList();
        assertThat(kept).as("the test class path without " + jarPrefix + "*").hasSizeLessThan(all.size());
        return String.join(File.pathSeparator, kept);
    }
}
