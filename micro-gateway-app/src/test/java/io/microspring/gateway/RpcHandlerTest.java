package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.Http;
import io.microspring.samples.greeterapi.proto.HelloRequest;
import io.microspring.samples.greeterapi.proto.HelloResponse;

/** The rpc handler (the meta handler's default) through a real gateway to real services. */
@ExtendWith(ClusterExtension.class)
class RpcHandlerTest {

    static Cluster cluster;
    static Cluster.Gateway gateway;

    @BeforeAll
    static void start(Cluster shared) {
        cluster = shared;
        gateway = shared.gateway();
    }

    @Test
    void aJsonBodyGoesStraightToTheEndpointResolvedFromThePath() {
        HttpResponse<String> response = Http.post(gateway.url("/test/echo/call"), "application/json",
                "{\"a\":1,\"b\":[true,\"x\"]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"a\":1,\"b\":[true,\"x\"]}");
    }

    @Test
    void aProtobufBodyGetsAProtobufAnswer() throws Exception {
        byte[] request = HelloRequest.newBuilder().setName("Proto").build().toByteArray();
        HttpResponse<byte[]> response = Http.postBytes(gateway.url("/test/echo/hello"), "application/protobuf", request);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/protobuf");
        assertThat(HelloResponse.parseFrom(response.body()).getMsg()).isEqualTo("Hello Proto");
    }

    @Test
    void queryParametersBecomeTheJsonRequestOfAGet() {
        HttpResponse<String> response = Http.get(gateway.url("/test/echo/call?name=John&n=2&tag=a&tag=b&x.y=z"));
        assertThat(response.body()).isEqualTo("{\"name\":\"John\",\"n\":2,\"tag\":[\"a\",\"b\"],\"x\":{\"y\":\"z\"}}");
    }

    @Test
    void queryParametersAreMergedUnderThePostedFields() {
        HttpResponse<String> response = Http.post(gateway.url("/test/echo/call?name=query&page=1"), "application/json",
                "{\"name\":\"body\"}");
        assertThat(response.body()).isEqualTo("{\"name\":\"body\",\"page\":1}");
    }

    @Test
    void theHeadersArriveAsCallMetadata() {
        HttpResponse<String> response = Http.post(gateway.url("/test/echo/metadata"), "application/json", "{}",
                "X-Request-Id", "r-1", "Authorization", "Bearer t");
        assertThat(response.body()).contains("\"X-Request-Id\":\"r-1\"").contains("\"Authorization\":\"Bearer t\"");
    }

    @Test
    void anEmptyResponseIsA204() {
        HttpResponse<String> response = Http.post(gateway.url("/test/echo/nothing"), "application/json", "{}");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aDeclaredPathRoutesWithItsVariables() {
        assertThat(Http.get(gateway.url("/things/42?color=red")).body()).isEqualTo("{\"id\":\"42\",\"color\":\"red\"}");
        assertThat(Http.post(gateway.url("/things/42"), "application/json", "{}").statusCode())
                .as("declared for GET only: POST resolves /things/42 as service go.micro.api.things").isEqualTo(404);
        // greeter-api declares GET /hello/{name} on Say.Greet, which calls the srv greeter
        assertThat(Http.get(gateway.url("/hello/John")).body()).isEqualTo("{\"msg\":\"Hello John\"}");
    }

    @Test
    void theRpcHandlerServesResolvedPathsToo() {
        Cluster.Gateway rpc = cluster.gateway("micro.api.handler=rpc");
        assertThat(Http.post(rpc.url("/test/echo/hello"), "application/json", "{\"name\":\"R\"}").body())
                .isEqualTo("{\"msg\":\"Hello R\"}");
    }

    @Test
    void badPathsAndUnknownServicesGetJsonErrors() {
        HttpResponse<String> unknown = Http.get(gateway.url("/nobody/here"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(unknown.body()).isEqualTo("{\"id\":\"go.micro.api\",\"code\":404,\"detail\":\"path /nobody/here "
                + "resolves to service go.micro.api.nobody, which is not registered (namespace go.micro.api)\","
                + "\"status\":\"Not Found\"}");

        HttpResponse<String> outside = Http.post(gateway.url("/srv/greeter/say/hello"), "application/json", "{}");
        assertThat(outside.statusCode()).as("go.micro.srv.greeter is outside the namespace").isEqualTo(404);

        HttpResponse<String> invalid = Http.get(gateway.url("/test/echo/ca%24ll"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("'ca$ll' may only hold letters");

        HttpResponse<String> root = Http.get(gateway.url("/"));
        assertThat(root.statusCode()).isEqualTo(404);

        HttpResponse<String> unknownEndpoint = Http.post(gateway.url("/test/echo/missing"), "application/json", "{}");
        assertThat(unknownEndpoint.statusCode()).isEqualTo(404);
        assertThat(unknownEndpoint.body()).contains("Echo.Missing");
    }

    @Test
    void anOversizedBodyIsA413AndTheGatewayKeepsServing() {
        Cluster.Gateway small = cluster.gateway("micro.api.max-body-size=1KB");
        HttpResponse<String> response = Http.post(small.url("/test/echo/call"), "application/json",
                "{\"big\":\"" + "x".repeat(2000) + "\"}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("micro.api.max-body-size");
        assertThat(Http.post(small.url("/test/echo/call"), "application/json", "{\"ok\":1}").body())
                .isEqualTo("{\"ok\":1}");
    }

    @Test
    void aSlowBackendPastTheClientTimeoutIsA408() {
        Cluster.Gateway impatient = cluster.gateway("micro.client-request-timeout=1s");
        HttpResponse<String> response = Http.post(impatient.url("/test/echo/slow"), "application/json", "{}");
        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(response.body()).contains("\"code\":408");
        assertThat(Http.post(impatient.url("/test/echo/hello"), "application/json", "{\"name\":\"T\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBackendThatDiesMidRequestIsA500AndTheGatewayKeepsServing() {
        HttpResponse<String> response = Http.post(gateway.url("/dying/dying/call"), "application/json", "{}");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("go.micro.api.dying").contains("the exchange with a node failed")
                .doesNotContain("127.0.0.1");
        assertThat(Http.post(gateway.url("/test/echo/hello"), "application/json", "{\"name\":\"U\"}").statusCode())
                .isEqualTo(200);
    }
}
