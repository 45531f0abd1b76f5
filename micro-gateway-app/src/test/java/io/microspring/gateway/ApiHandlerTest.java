package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.protobuf.util.JsonFormat;

import io.microspring.api.Pair;
import io.microspring.api.Request;
import io.microspring.api.Response;
import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.Http;

/**
 * The api handler: the greeter-api sample (go.micro.api.greeter takes api.Request and calls
 * go.micro.srv.greeter through a typed client), the api.Request fields, and the api types in both
 * codecs.
 */
@ExtendWith(ClusterExtension.class)
class ApiHandlerTest {

    static Cluster cluster;

    @BeforeAll
    static void start(Cluster shared) {
        cluster = shared;
    }

    @Test
    void theSeedsLayeringAnswersThroughTheApiService() {
        HttpResponse<String> response = Http.get(cluster.gateway().url("/greeter/say/hello?name=John"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"message\":\"Hello John\"}");
    }

    @Test
    void theApiHandlerServesResolvedPathsWithoutDeclarations() {
        Cluster.Gateway api = cluster.gateway("micro.api.handler=api");
        assertThat(Http.get(api.url("/greeter/say/hello?name=Ann&name=Lee")).body())
                .isEqualTo("{\"message\":\"Hello Ann Lee\"}");
    }

    @Test
    void theServicesErrorComesBackWithItsCode() {
        HttpResponse<String> response = Http.get(cluster.gateway().url("/greeter/say/hello"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"id\":\"go.micro.api.greeter\",\"code\":400,"
                + "\"detail\":\"name is missing: call /greeter/say/hello?name=John\",\"status\":\"Bad Request\"}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "application/protobuf"})
    void apiServicesTakeTheApiTypesInBothCodecs(String contentType) {
        MicroClient client = cluster.gateway().context().getBean(MicroClient.class);
        Request request = Request.newBuilder().setMethod("GET").setPath("/greeter/say/hello")
                .putGet("name", Pair.newBuilder().setKey("name").addValues("Jo").build())
                .build();
        Response response = client.callBlocking("go.micro.api.greeter", "Say.Hello", request, Response.class,
                CallOptions.builder().contentType(contentType).build());
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"message\":\"Hello Jo\"}");
        assertThat(response.getHeaderMap().get("Content-Type").getValuesList()).containsExactly("application/json");
    }

    @Test
    void theRequestArrivesAsAnApiRequest() throws Exception {
        Cluster.Gateway gateway = cluster.gateway();
        HttpResponse<String> response = Http.post(gateway.url("/raw/a%20b/c?q=1&q=2&x=y"),
                "application/x-www-form-urlencoded", "f=1&g=h+i&f=2", "X-Trace", "t1", "X-Forwarded-For", "10.0.0.1");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Echo")).hasValue("yes");
        Request.Builder seen = Request.newBuilder();
        JsonFormat.parser().merge(response.body(), seen);
        Request request = seen.build();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/raw/a b/c");
        assertThat(request.getUrl()).isEqualTo("/raw/a%20b/c?q=1&q=2&x=y");
        assertThat(request.getGetMap().get("q").getValuesList()).containsExactly("1", "2");
        assertThat(request.getGetMap().get("x").getValuesList()).containsExactly("y");
        assertThat(request.getPostMap().get("f").getValuesList()).containsExactly("1", "2");
        assertThat(request.getPostMap().get("g").getValuesList()).containsExactly("h i");
        assertThat(request.getBody()).as("a form's fields are in post, not in body").isEmpty();
        assertThat(request.getHeaderMap().get("X-Trace").getValuesList()).containsExactly("t1");
        assertThat(request.getHeaderMap().get("Content-Type").getKey()).isEqualTo("Content-Type");
        assertThat(request.getHeaderMap().get("Host").getValues(0)).isEqualTo("127.0.0.1:" + gateway.port());
        assertThat(request.getHeaderMap().get("X-Forwarded-For").getValuesList()).containsExactly("10.0.0.1, 127.0.0.1");
    }

    @Test
    void aBodyThatIsNotAFormArrivesAsTheBody() throws Exception {
        HttpResponse<String> response = Http.post(cluster.gateway().url("/raw/json"), "application/json",
                "{\"k\":\"v\"}");
        Request.Builder seen = Request.newBuilder();
        JsonFormat.parser().merge(response.body(), seen);
        assertThat(seen.getBody()).isEqualTo("{\"k\":\"v\"}");
        assertThat(seen.getPostMap()).isEmpty();
    }
}
