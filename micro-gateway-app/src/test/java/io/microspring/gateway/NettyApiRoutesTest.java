package io.microspring.gateway;

import static io.microspring.gateway.RawHttp.exchange;
import static io.microspring.gateway.RawHttp.sameBothWays;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.testing.TestTokens;

/**
 * The api handler's requests (but {@code HEAD}), which the gateway serves on Reactor Netty ahead
 * of WebFlux, answer byte for byte as WebFlux's path does (as {@link NettyRoutesTest} shows for the
 * rpc handler): the api.Request the service gets (the echo service answers it as JSON), its
 * api.Response, the service's errors, the gateway's own 401, 403 and 413, the access log line and
 * the timer.
 */
@ExtendWith(ClusterExtension.class)
class NettyApiRoutesTest {

    static Cluster cluster;

    @BeforeAll
    static void start(Cluster shared) {
        cluster = shared;
    }

    @Test
    void aGetWithAQueryAndHeadersArrivesAsTheSameApiRequest() {
        assertThat(sameBothWays(cluster.gateway(), "GET", "/raw/a%20b/c%C3%A9?q=1&q=2&x=y%20z",
                "X-Trace: t1\r\nX-Forwarded-For: 10.0.0.1\r\n", ""))
                .startsWith("HTTP/1.1 201 Created\r\n").contains("X-Echo: yes\r\n")
                .contains("\"path\": \"/raw/a b/c\u00e9\"").contains("\"url\": \"/raw/a%20b/c%C3%A9?q\\u003d1\\u0026q")
                .contains("\"values\": [\"t1\"]").contains("\"values\": [\"10.0.0.1, 127.0.0.1\"]")
                .contains("\"values\": [\"y z\"]");
    }

    @Test
    void aJsonBodyAndAFormArriveTheSameWay() {
        assertThat(sameBothWays(cluster.gateway(), "POST", "/raw/json", "Content-Type: application/json\r\n",
                "{\"k\":\"v\"}"))
                .startsWith("HTTP/1.1 201 Created\r\n").contains("\"body\": \"{\\\"k\\\":\\\"v\\\"}\"");
        assertThat(sameBothWays(cluster.gateway(), "POST", "/raw/json", "Content-Type: application/json\r\n",
                "{\"k\":"))
                .as("a body that is not JSON is passed on as it is").startsWith("HTTP/1.1 201 Created\r\n")
                .contains("\"body\": \"{\\\"k\\\":\"");
        assertThat(sameBothWays(cluster.gateway(), "PUT", "/raw/form?q=1",
                "Content-Type: application/x-www-form-urlencoded\r\n", "f=1&g=h+i&f=2"))
                .startsWith("HTTP/1.1 201 Created\r\n").contains("\"method\": \"PUT\"")
                .contains("\"values\": [\"1\", \"2\"]").contains("\"values\": [\"h i\"]");
    }

    @Test
    void theGreeterAnswersAndItsErrorIsTheSame() {
        assertThat(sameBothWays(cluster.gateway(), "GET", "/greeter/say/hello?name=John", "", ""))
                .startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: application/json\r\n")
                .endsWith("\r\n\r\n{\"message\":\"Hello John\"}");
        assertThat(sameBothWays(cluster.gateway(), "GET", "/greeter/say/hello", "", ""))
                .startsWith("HTTP/1.1 400 Bad Request\r\n").contains("\"id\":\"go.micro.api.greeter\"");
    }

    @Test
    void anUnknownEndpointOrServiceIsTheSameError() {
        Cluster.Gateway api = cluster.gateway("micro.api.handler=api");
        assertThat(sameBothWays(api, "GET", "/greeter/no/such", "", ""))
                .startsWith("HTTP/1.1 404 Not Found\r\n").contains("No.Such");
        assertThat(sameBothWays(api, "GET", "/nosuch/say/hello", "", ""))
                .startsWith("HTTP/1.1 404 Not Found\r\n").contains("go.micro.api.nosuch");
    }

    @Test
    void aBodyOverTheLimitIsTheSame413DeclaredOrNot() {
        RawHttp.tooLargeBothWays(cluster.gateway("micro.api.max-body-size=1KB"), "/raw/big");
    }

    @Test
    void edgeAuthRefusesAndAdmitsTheSameWay() {
        TestTokens tokens = TestTokens.generate();
        Cluster.Gateway guarded = cluster.gateway("micro.auth.public-key=" + tokens.publicKeyBase64(),
                "micro.auth.rules[Echo.Raw]=scope:admin");
        assertThat(sameBothWays(guarded, "GET", "/raw/guarded", "", ""))
                .startsWith("HTTP/1.1 401 Unauthorized\r\n").contains("missing authorization token");
        assertThat(sameBothWays(guarded, "GET", "/raw/guarded", "Authorization: Bearer " + tokens.token("reader")
                + "\r\n", ""))
                .startsWith("HTTP/1.1 403 Forbidden\r\n").contains("it needs scope admin");
        assertThat(sameBothWays(guarded, "GET", "/raw/guarded", "Authorization: Bearer " + tokens.token("admin")
                + "\r\n", ""))
                .startsWith("HTTP/1.1 201 Created\r\n");
    }

    @Test
    void theAccessLogAndTheTimerCountTheRequestTheSameBothWays() {
        // a gateway of its own (meta is the default handler), so that no other test's call is counted
        RawHttp.countedOnceEachWay(cluster.gateway("micro.api.handler=meta"), "/raw/counted",
                "handler:api&tag=service:go.micro.api.test&tag=endpoint:Echo.Raw&tag=status:201",
                "GET /raw/counted go\\.micro\\.api\\.test Echo\\.Raw 201 \\d+ms");
    }

    @Test
    void theOriginFormIsServedAheadOfWebFluxsFiltersAndTheAbsoluteFormThroughThem() {
        Cluster.Gateway marked = cluster.gateway("spring.main.sources=" + RawHttp.WebFluxMark.class.getName());
        assertThat(exchange(marked, "GET /greeter/say/hello?name=Ahead", "", "")).startsWith("HTTP/1.1 200 OK\r\n")
                .endsWith("Hello Ahead\"}").doesNotContain(RawHttp.WebFluxMark.HEADER);
        assertThat(exchange(marked, "POST /raw/posted", "Content-Type: text/plain\r\n", "posted"))
                .startsWith("HTTP/1.1 201 Created\r\n").doesNotContain(RawHttp.WebFluxMark.HEADER);
        assertThat(exchange(marked, "GET http://127.0.0.1:" + marked.port() + "/greeter/say/hello?name=Through", "",
                ""))
                .startsWith("HTTP/1.1 200 OK\r\n").endsWith("Hello Through\"}")
                .contains(RawHttp.WebFluxMark.HEADER + ": yes\r\n");
    }
}
