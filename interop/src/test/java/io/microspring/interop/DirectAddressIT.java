package io.microspring.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.errors.MicroException;
import io.microspring.interop.proto.ErrorRequest;
import io.microspring.interop.proto.ErrorResponse;
import io.microspring.interop.proto.HelloRequest;
import io.microspring.interop.proto.HelloResponse;
import io.microspring.interop.proto.MetaRequest;
import io.microspring.interop.proto.MetaResponse;
import io.microspring.metadata.Metadata;
import io.microspring.testing.GoPeers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real go-micro v5 greeter and client against ours, called at a fixed address (no registry):
 * both codecs, errors and metadata, in both directions.
 */
class DirectAddressIT {

    private static final String SERVICE = GreetersByAddress.SERVICE;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final GreetersByAddress greeters = new GreetersByAddress();

    @Test
    void goClientCallsJavaGreeterWithJsonAndProtobuf() {
        for (String contentType : new String[] {"application/json", "application/protobuf"}) {
            GoPeers.Result result = greeters.goClient("--content_type=" + contentType, "--endpoint=Say.Hello",
                    "--request={\"name\":\"John\"}");
            assertThat(result.exitCode()).as(contentType + ": " + result.stderr()).isZero();
            assertThat(json(result.lastLine()).path("msg").asString()).as(contentType).isEqualTo("Hello John");
        }
    }

    @Test
    void javaClientCallsGoGreeterWithJsonAndProtobuf() {
        for (String contentType : new String[] {"application/json", "application/protobuf"}) {
            HelloResponse response = client().callBlocking(SERVICE, "Say.Hello",
                    HelloRequest.newBuilder().setName("John").build(), HelloResponse.class, toGo(contentType));
            assertThat(response.getMsg()).as(contentType).isEqualTo("Hello John");
        }
    }

    @Test
    void goErrorsArriveInJavaWithTheSameFields() {
        assertThatThrownBy(() -> client().callBlocking(SERVICE, "Say.Hello", HelloRequest.newBuilder().setName("bad")
                .build(), HelloResponse.class, toGo("application/json")))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.id()).isEqualTo("x");
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.detail()).isEqualTo("bad name");
                    assertThat(e.status()).isEqualTo("Bad Request");
                });
        assertThatThrownBy(() -> client().callBlocking(SERVICE, "Say.Error", ErrorRequest.newBuilder().setId("go.x")
                .setCode(409).setDetail("taken").build(), ErrorResponse.class, toGo("application/protobuf")))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.id()).isEqualTo("go.x");
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.detail()).isEqualTo("taken");
                    assertThat(e.status()).isEqualTo("Conflict");
                });
    }

    @Test
    void javaErrorsArriveInGoWithTheSameFields() {
        GoPeers.Result bad = greeters.goClient("--endpoint=Say.Hello", "--request={\"name\":\"bad\"}");
        assertThat(bad.exitCode()).isEqualTo(1);
        JsonNode error = json(bad.lastLine());
        assertThat(error.path("id").asString()).isEqualTo("x");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("detail").asString()).isEqualTo("bad name");
        assertThat(error.path("status").asString()).isEqualTo("Bad Request");

        GoPeers.Result conflict = greeters.goClient("--content_type=application/protobuf", "--endpoint=Say.Error",
                "--request={\"id\":\"java.x\",\"code\":409,\"detail\":\"taken\"}");
        JsonNode fromProtobuf = json(conflict.lastLine());
        assertThat(fromProtobuf.path("id").asString()).isEqualTo("java.x");
        assertThat(fromProtobuf.path("code").asInt()).isEqualTo(409);
        assertThat(fromProtobuf.path("status").asString()).isEqualTo("Conflict");
    }

    @Test
    void metadataFromAGoCallerReachesTheJavaHandler() {
        GoPeers.Result result = greeters.goClient("--endpoint=Say.Meta", "--request={\"prefix\":\"trace\"}",
                "--metadata=Trace-Id=abc-123");
        assertThat(result.exitCode()).as(result.stderr().toString()).isZero();
        JsonNode response = json(result.lastLine());
        assertThat(response.path("metadata").path("Trace-Id").asString()).isEqualTo("abc-123");
        assertThat(response.path("deadlineMillis").asLong()).isPositive();
    }

    @Test
    void metadataFromTheJavaClientReachesTheGoHandler() {
        MetaResponse response = client().callBlocking(SERVICE, "Say.Meta", MetaRequest.newBuilder().setPrefix("trace")
                .build(), MetaResponse.class, greeters.toGo("application/protobuf")
                .metadata(Metadata.of("Trace-Id", "xyz-789")).build());
        assertThat(response.getMetadataMap()).containsEntry("Trace-Id", "xyz-789");
        assertThat(response.getDeadlineMillis()).isPositive();
    }

    private static MicroClient client() {
        return greeters.javaClient();
    }

    private static CallOptions toGo(String contentType) {
        return greeters.toGo(contentType).requestTimeout(Duration.ofSeconds(10)).build();
    }

    private static JsonNode json(String line) {
        return JSON.readTree(line);
    }
}
