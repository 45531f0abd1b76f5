package io.microspring.samples.greeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import io.microspring.testing.ExternalProcess;
import io.microspring.testing.FreePorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The greeter jar as built and started plainly ({@code java -jar}), a service that serves no web
 * pages: it starts from the bean definitions Spring AOT generated at build time, and its web server,
 * on a port of its own, serves Actuator: after a call, Prometheus sees
 * {@code micro_server_requests_seconds_count} for {@code Say.Hello} (and no long-task timer of calls);
 * {@code /actuator/micro} describes the service and {@code /actuator/health} reports its registry, broker and server.
 */
class GreeterActuatorIT {

    private static final String SERVICE = GreeterJar.SERVICE;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void whenCalledThenActuatorOnItsPortShowsTheCallTheServiceAndItsHealth() throws Exception {
        int actuatorPort = FreePorts.find();
        try (ExternalProcess greeter = GreeterJar.command("greeter-actuator")
                .args("--micro.registry=memory", "--server.port=" + actuatorPort)
                .start()) {
            greeter.awaitMatch(Pattern.compile("Starting AOT-processed Greeter"), Duration.ofSeconds(120));
            MatchResult registered = GreeterJar.awaitRegistered(greeter, "memory");
            String actuator = "http://127.0.0.1:" + actuatorPort;

            assertThat(GreeterJar.sayHello(registered.group(2), "John")).isEqualTo("{\"msg\":\"Hello John\"}");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(actuator
                    + "/actuator/prometheus")).containsPattern("micro_server_requests_seconds_count\\{[^}]*"
                    + "endpoint=\"Say.Hello\"[^}]*outcome=\"SUCCESS\"[^}]*service=\"go.micro.srv.greeter\"[^}]*\\} 1"));
            // a timer per call, but no long-task timer as well (management.metrics.observations.ignored-meters)
            assertThat(get(actuator + "/actuator/prometheus")).doesNotContain("micro_server_requests_active");

            JsonNode micro = JSON.readTree(get(actuator + "/actuator/micro"));
            assertThat(micro.get("name").asString()).isEqualTo(SERVICE);
            assertThat(micro.get("nodes").get(0).get("id").asString()).isEqualTo(registered.group(1));
            JsonNode sayHello = StreamSupport.stream(micro.get("endpoints").spliterator(), false)
                    .filter(endpoint -> endpoint.get("name").asString().equals("Say.Hello")).findFirst().orElseThrow();
            assertThat(sayHello.get("request").get("name").asString()).isEqualTo("HelloRequest");
            assertThat(sayHello.get("response").get("name").asString()).isEqualTo("HelloResponse");
            assertThat(micro.get("registry").get("name").asString()).isEqualTo("memory");
            assertThat(micro.get("broker").get("name").asString()).isEqualTo("http");

            JsonNode health = JSON.readTree(get(actuator + "/actuator/health")).get("components").get("micro");
            assertThat(health.get("status").asString()).isEqualTo("UP");
            assertThat(health.get("components").get("server").get("details").get("registered").asBoolean()).isTrue();
            assertThat(health.get("components").get("registry").get("status").asString()).isEqualTo("UP");
            assertThat(health.get("components").get("broker").get("status").asString()).isEqualTo("UP");
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
