package io.microspring.samples.greeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.testing.EtcdServer;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.FreePorts;
import io.microspring.testing.NatsServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The greeter jar as built, started in Spring's AOT mode ({@code -Dspring.aot.enabled=true}: the bean
 * definitions generated at build time, where the registry was mDNS and the broker http) with etcd and
 * NATS chosen on its command line: it uses them, registers in etcd, answers a call and reports both on
 * its Actuator port.
 */
class GreeterAotIT {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    @RegisterExtension
    static final NatsServer nats = new NatsServer();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void whenStartedAotProcessedWithEtcdAndNatsThenItRegistersInEtcdAnswersAndReportsBoth() throws Exception {
        int actuatorPort = FreePorts.find();
        try (ExternalProcess greeter = GreeterJar.command("greeter-aot", "-Dspring.aot.enabled=true")
                .args("--registry=etcd", "--registry_address=" + etcd.address(),
                        "--broker=nats", "--broker_address=" + nats.url(),
                        "--server.port=" + actuatorPort)
                .start()) {
            greeter.awaitMatch(Pattern.compile("Starting AOT-processed Greeter"), Duration.ofSeconds(120));
            MatchResult registered = GreeterJar.awaitRegistered(greeter, "etcd");

            assertThat(GreeterJar.sayHello(registered.group(2), "John")).isEqualTo("{\"msg\":\"Hello John\"}");

            HttpResponse<String> micro = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + actuatorPort + "/actuator/micro")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(micro.statusCode()).isEqualTo(200);
            JsonNode service = JSON.readTree(micro.body());
            assertThat(service.get("nodes").get(0).get("id").asString()).isEqualTo(registered.group(1));
            assertThat(service.get("registry").get("name").asString()).isEqualTo("etcd");
            assertThat(service.get("broker").get("name").asString()).isEqualTo("nats");
        }
    }
}
