package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.microspring.gateway.edge.RequestLog;
import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.Http;
import io.microspring.observation.ClientCallConvention;

/** What the gateway does for every request: access log, metrics, health, header limits. */
@ExtendWith(ClusterExtension.class)
class EdgeTest {

    static final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();
    static Cluster cluster;
    static Cluster.Gateway gateway;

    @BeforeAll
    static void start(Cluster shared) {
        cluster = shared;
        gateway = shared.gateway();
        accessLog.start();
    }

    /** Before each test: a gateway another test starts in this JVM resets Logback, and its appenders with it. */
    @BeforeEach
    void listenToTheAccessLog() {
        ((Logger) LoggerFactory.getLogger(RequestLog.LOGGER)).addAppender(accessLog);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(RequestLog.LOGGER)).detachAppender(accessLog);
    }

    @Test
    void everyRequestGetsOneAccessLogLine() {
        Http.post(gateway.url("/test/echo/hello"), "application/json", "{\"name\":\"Log\"}");
        Http.get(gateway.url("/unknown/thing"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(accessLog.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).matches("POST /test/echo/hello go.micro.api.test Echo.Hello 200 \\d+ms"))
                .anySatisfy(line -> assertThat(line).matches("GET /unknown/thing none none 404 \\d+ms")));
    }

    @Test
    void requestsAreTimedPerServiceAndEndpoint() {
        Http.post(gateway.url("/test/echo/hello"), "application/json", "{\"name\":\"Metrics\"}");
        HttpResponse<String> metric = Http.get(gateway.url("/actuator/metrics/" + RequestLog.METRIC
                + "?tag=service:go.micro.api.test&tag=endpoint:Echo.Hello&tag=handler:rpc&tag=status:200"));
        assertThat(metric.statusCode()).isEqualTo(200);
        assertThat(metric.body()).contains("\"statistic\":\"COUNT\"");
    }

    @Test
    void withoutATracerTheClientsCallsAreNotTimedASecondTime() {
        Http.post(gateway.url("/test/echo/hello"), "application/json", "{\"name\":\"Once\"}");
        assertThat(Http.get(gateway.url("/actuator/metrics/" + RequestLog.METRIC)).statusCode()).isEqualTo(200);
        assertThat(Http.get(gateway.url("/actuator/metrics/" + ClientCallConvention.NAME)).statusCode())
                .isEqualTo(404);
    }

    @Test
    void logEventsAreNotCountedEvenWhenTheUserExcludesOtherAutoConfigurations() {
        assertThat(Http.get(gateway.url("/actuator/metrics/logback.events")).statusCode()).isEqualTo(404);
        Cluster.Gateway ownExclusions = cluster.gateway(
                "spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration");
        assertThat(Http.get(ownExclusions.url("/actuator/metrics/jvm.memory.used")).statusCode()).isEqualTo(200);
        assertThat(Http.get(ownExclusions.url("/actuator/metrics/logback.events")).statusCode()).isEqualTo(404);
    }

    @Test
    void requestsAreObservedAsHttpServerRequestsOnlyWhenTheUserTurnsThatOn() {
        Http.post(gateway.url("/test/echo/hello"), "application/json", "{\"name\":\"Unobserved\"}");
        assertThat(Http.get(gateway.url("/actuator/metrics/http.server.requests")).statusCode()).isEqualTo(404);

        Cluster.Gateway observed = cluster.gateway("management.observations.enable.http.server.requests=true");
        Http.post(observed.url("/test/echo/hello"), "application/json", "{\"name\":\"Observed\"}");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                Http.get(observed.url("/actuator/metrics/http.server.requests?tag=status:200")).statusCode())
                .isEqualTo(200));
    }

    @Test
    void healthShowsOnlyTheStatusByDefault() {
        HttpResponse<String> health = Http.get(gateway.url("/actuator/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("details", "registry", "diskSpace");
    }

    @Test
    void healthIncludesTheRegistryWhenDetailsAreShown() {
        HttpResponse<String> health = Http.get(cluster.gateway("management.endpoint.health.show-details=always")
                .url("/actuator/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"")
                .contains("\"registry\":{\"details\":{\"registry\":\"memory\"");
    }

    @Test
    void oversizedHeadersAreRefusedAndTheGatewayKeepsServing() {
        HttpResponse<String> response = Http.get(gateway.url("/test/echo/call"), "X-Big", "x".repeat(20_000));
        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(Http.get(gateway.url("/test/echo/call?a=1")).body()).isEqualTo("{\"a\":1}");
    }
}
