package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.Http;

/** POST /rpc against real services through a real gateway. */
@ExtendWith(ClusterExtension.class)
class RpcEndpointTest {

    static final String FORM = "application/x-www-form-urlencoded";

    static Cluster cluster;
    static Cluster.Gateway gateway;

    @BeforeAll
    static void start(Cluster shared) {
        cluster = shared;
        gateway = shared.gateway();
    }

    @Test
    void theSeedsFormCallAnswersHelloJohn() {
        // curl -d "service=go.micro.srv.greeter" -d "method=Say.Hello" -d "request={\"name\": \"John\"}" .../rpc
        HttpResponse<String> response = Http.post(gateway.url("/rpc"), FORM,
                "service=go.micro.srv.greeter&method=Say.Hello&request={\"name\": \"John\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"msg\":\"Hello John\"}");
    }

    @Test
    void aJsonBodyTakesTheRequestAsAnObjectOrAsAString() {
        assertThat(Http.post(gateway.url("/rpc"), "application/json",
                "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Hello\",\"request\":{\"name\":\"Ann\"}}")
                .body()).isEqualTo("{\"msg\":\"Hello Ann\"}");
        assertThat(Http.post(gateway.url("/rpc"), "application/json; charset=utf-8",
                "{\"Service\":\"go.micro.srv.greeter\",\"Method\":\"Say.Hello\",\"Request\":\"{\\\"name\\\":\\\"Bo\\\"}\"}")
                .body()).isEqualTo("{\"msg\":\"Hello Bo\"}");
    }

    @Test
    void theContentTypeTellsJsonFromAFormInAnyLetterCaseAndWithParameters() {
        String json = "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Hello\","
                + "\"request\":{\"name\":\"Di\"}}";
        for (String type : new String[] {"Application/JSON", "application/json;charset=UTF-8", "application/*"}) {
            assertThat(Http.post(gateway.url("/rpc"), type, json).body()).as(type).isEqualTo("{\"msg\":\"Hello Di\"}");
        }
        HttpResponse<String> notJson = Http.post(gateway.url("/rpc"), "text/plain", json);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("service is missing");
    }

    @Test
    void anAddressCallsThatNodeDirectly() {
        String address = cluster.registry().getService("go.micro.srv.greeter").get(0).nodes().get(0).address();
        HttpResponse<String> response = Http.post(gateway.url("/rpc"), FORM, "service=go.micro.srv.greeter"
                + "&endpoint=Say.Hello&request={\"name\":\"Cy\"}&address=" + address);
        assertThat(response.body()).isEqualTo("{\"msg\":\"Hello Cy\"}");
    }

    @Test
    void theTimeoutHeaderInSecondsEndsASlowCallWith408() {
        HttpResponse<String> response = Http.post(gateway.url("/rpc"), FORM,
                "service=go.micro.api.test&endpoint=Echo.Slow&request={}", "Timeout", "1");
        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(response.body()).contains("\"code\":408").contains("Echo.Slow");
    }

    @Test
    void badRequestsGetGoMicroErrorsAndTheGatewayKeepsServing() {
        HttpResponse<String> malformed = Http.post(gateway.url("/rpc"), "application/json", "{\"service\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).startsWith("{\"id\":\"go.micro.rpc\",\"code\":400,\"detail\":\"the body is not valid JSON");

        HttpResponse<String> noService = Http.post(gateway.url("/rpc"), FORM, "method=Say.Hello");
        assertThat(noService.statusCode()).isEqualTo(400);
        assertThat(noService.body()).contains("service is missing");

        HttpResponse<String> noMethod = Http.post(gateway.url("/rpc"), FORM, "service=go.micro.srv.greeter");
        assertThat(noMethod.statusCode()).isEqualTo(400);
        assertThat(noMethod.body()).contains("endpoint is missing");

        HttpResponse<String> badRequest = Http.post(gateway.url("/rpc"), FORM,
                "service=go.micro.srv.greeter&method=Say.Hello&request={name");
        assertThat(badRequest.statusCode()).isEqualTo(400);
        assertThat(badRequest.body()).contains("request is not valid JSON");

        HttpResponse<String> unknown = Http.post(gateway.url("/rpc"), FORM, "service=go.micro.srv.nobody&method=A.B");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("go.micro.srv.nobody");

        HttpResponse<String> get = Http.get(gateway.url("/rpc"));
        assertThat(get.statusCode()).isEqualTo(405);

        HttpResponse<String> headerInjection = Http.post(gateway.url("/rpc"), "application/json",
                "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Hello\\r\\nX-A: b\",\"request\":{}}");
        assertThat(headerInjection.statusCode()).isEqualTo(400);
        assertThat(headerInjection.body()).contains("\"code\":400").contains("Say.Hello??X-A:?b")
                .doesNotContain("\\r");

        theSeedsFormCallAnswersHelloJohn();
    }

    @Test
    void aJsonEnvelopeIsReadWithItsNamesInAnyCaseAndOtherFieldsIgnored() {
        HttpResponse<String> response = Http.post(gateway.url("/rpc"), "application/json",
                "{\"SERVICE\":\"go.micro.srv.greeter\",\"extra\":{\"a\":[1,{\"b\":2}]},\"Method\":\"Say.Hello\","
                        + "\"Request\":{\"name\":\"Eve\",\"tags\":[\"x\"]},\"note\":null}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"msg\":\"Hello Eve\"}");
    }

    @Test
    void badJsonEnvelopesGetExactGoMicroErrors() {
        HttpResponse<String> notAnObject = Http.post(gateway.url("/rpc"), "application/json", "[1]");
        assertThat(notAnObject.statusCode()).isEqualTo(400);
        assertThat(notAnObject.body()).isEqualTo("{\"id\":\"go.micro.rpc\",\"code\":400,\"detail\":\"the body must "
                + "be a JSON object with service, endpoint and request\",\"status\":\"Bad Request\"}");

        HttpResponse<String> noService = Http.post(gateway.url("/rpc"), "application/json",
                "{\"service\":{\"name\":\"go.micro.srv.greeter\"},\"endpoint\":\"Say.Hello\",\"request\":{}}");
        assertThat(noService.statusCode()).isEqualTo(400);
        assertThat(noService.body()).isEqualTo("{\"id\":\"go.micro.rpc\",\"code\":400,\"detail\":\"service is "
                + "missing: send service, endpoint and request, as JSON or as a form\",\"status\":\"Bad Request\"}");

        HttpResponse<String> noEndpoint = Http.post(gateway.url("/rpc"), "application/json",
                "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"  \",\"request\":{}}");
        assertThat(noEndpoint.statusCode()).isEqualTo(400);
        assertThat(noEndpoint.body()).isEqualTo("{\"id\":\"go.micro.rpc\",\"code\":400,\"detail\":\"endpoint is "
                + "missing: send endpoint (or method), for example Say.Hello\",\"status\":\"Bad Request\"}");
    }

    @Test
    void anOversizedEnvelopeIsA413NamingTheSetting() {
        Cluster.Gateway small = cluster.gateway("micro.api.max-body-size=1KB");
        String body = "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Hello\",\"request\":{\"name\":\""
                + "x".repeat(2000) + "\"}}";
        HttpResponse<String> response = Http.post(small.url("/rpc"), "application/json", body);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"id\":\"go.micro.api\",\"code\":413,\"detail\":\"request body of "
                + body.length() + " bytes is larger than 1024 bytes (micro.api.max-body-size)\",\"status\":\"Request "
                + "Entity Too Large\"}");
    }

    @Test
    void aBackendThatDiesMidRequestIsA500() {
        HttpResponse<String> response = Http.post(gateway.url("/rpc"), FORM,
                "service=go.micro.api.dying&endpoint=Dying.Call&request={}");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("\"code\":500").contains("Dying.Call").doesNotContain("127.0.0.1");
        theSeedsFormCallAnswersHelloJohn();
    }

    @Test
    void anAllowListRestrictsServicesAndRefusesAddresses() {
        Cluster.Gateway restricted = cluster.gateway("micro.api.rpc.allowed-services=go.micro.api.*");
        assertThat(Http.post(restricted.url("/rpc"), FORM, "service=go.micro.api.test&endpoint=Echo.Hello"
                + "&request={\"name\":\"Di\"}").body()).isEqualTo("{\"msg\":\"Hello Di\"}");

        HttpResponse<String> refused = Http.post(restricted.url("/rpc"), FORM,
                "service=go.micro.srv.greeter&method=Say.Hello&request={}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("micro.api.rpc.allowed-services");

        HttpResponse<String> address = Http.post(restricted.url("/rpc"), FORM,
                "service=go.micro.api.test&endpoint=Echo.Hello&request={}&address=127.0.0.1:1");
        assertThat(address.statusCode()).isEqualTo(403);
    }

    @Test
    void turnedOffRpcIsAnOrdinaryPath() {
        Cluster.Gateway off = cluster.gateway("micro.api.rpc.enabled=false");
        HttpResponse<String> response = Http.post(off.url("/rpc"), FORM,
                "service=go.micro.srv.greeter&method=Say.Hello&request={}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("go.micro.api.rpc");
    }
}
