package io.microspring.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.microspring.codec.Codecs;
import io.microspring.errors.MicroException;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.test.proto.HelloRequest;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;

/** Malformed calls sent as raw HTTP: each gets a precise go-micro error, and the server keeps serving. */
class BadInputTest {

    private static final String SERVICE = "go.micro.srv.greeter";
    private static final int MAX_BODY = 1024;

    final HttpTransport transport = new HttpTransport(new HttpTransportSettings(10, Duration.ofMinutes(1), MAX_BODY,
            8192));
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    RpcServer server;
    URI uri;

    @BeforeEach
    void start() {
        server = new RpcServer(ServerSettings.builder(SERVICE).address("127.0.0.1:0").build(), transport,
                new MemoryRegistry(), Codecs.standard(), List.of(), "http");
        server.handle(Handler.of(new RpcRoundTripTest.Say()));
        server.start();
        uri = URI.create("http://" + server.service().nodes().get(0).address() + "/");
    }

    @AfterEach
    void stop() {
        server.stop();
        transport.close();
    }

    @Test
    void malformedJsonIs400() throws Exception {
        MicroException error = callExpectingError(Map.of("Content-Type", "application/json"), "{\"name\": ");
        assertThat(error.code()).isEqualTo(400);
        assertThat(error.id()).isEqualTo("go.micro.server");
        assertThat(error.detail()).contains("Say.Hello");
        assertStillServing();
    }

    @Test
    void unknownEndpointIs404NamingIt() throws Exception {
        MicroException error = callExpectingError(Map.of("Content-Type", "application/json",
                "Micro-Endpoint", "Say.Goodbye"), "{}");
        assertThat(error.code()).isEqualTo(404);
        assertThat(error.detail()).contains("Say.Goodbye").contains("Say.Hello");
        assertStillServing();
    }

    @Test
    void unknownServiceIs404NamingIt() throws Exception {
        MicroException error = callExpectingError(Map.of("Content-Type", "application/json",
                "Micro-Service", "go.micro.srv.other"), "{}");
        assertThat(error.code()).isEqualTo(404);
        assertThat(error.detail()).contains("go.micro.srv.other");
        assertStillServing();
    }

    @Test
    void unknownContentTypeIs415ListingTheSupportedOnes() throws Exception {
        MicroException error = callExpectingError(Map.of("Content-Type", "text/csv"), "name\nJohn");
        assertThat(error.code()).isEqualTo(415);
        assertThat(error.detail()).contains("text/csv").contains("application/json").contains("application/protobuf");
        assertStillServing();
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        MicroException error = callExpectingError(Map.of("Content-Type", "application/json"),
                "{\"name\":\"" + "x".repeat(MAX_BODY) + "\"}");
        assertThat(error.code()).isEqualTo(413);
        assertThat(error.detail()).contains("micro.server-max-body-size");
        assertStillServing();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        String chunk = "x".repeat(MAX_BODY / 2);
        String response = postChunked(List.of("{\"name\":\"", chunk, chunk, "\"}"));
        assertThat(response).startsWith("HTTP/1.1 200");
        MicroException error = MicroException.parse(header(response, "Micro-Error"));
        assertThat(error.code()).isEqualTo(413);
        assertThat(error.detail()).contains("micro.server-max-body-size");
        assertStillServing();
    }

    @Test
    void aBodyInSeveralChunksIsReadWhole() throws Exception {
        String response = postChunked(List.of("{\"na", "me\":\"Jo", "", "hn\"}"));
        assertThat(response).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n{\"msg\":\"Hello John\"}");
    }

    @Test
    void missingMicroHeadersIs400NamingTheHeader() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        MicroException error = MicroException.parse(response.headers().firstValue("Micro-Error").orElseThrow());
        assertThat(error.code()).isEqualTo(400);
        assertThat(error.detail()).contains("Micro-Endpoint");
        assertStillServing();
    }

    @Test
    void aGetRequestIs405() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(MicroException.parse(response.headers().firstValue("Micro-Error").orElseThrow()).code())
                .isEqualTo(405);
        assertStillServing();
    }

    @Test
    void xPrefixedAndLowerCaseHeadersAreAccepted() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                .header("content-type", "application/json")
                .header("x-micro-service", SERVICE)
                .header("x-micro-endpoint", "Say.Hello")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"John\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("{\"msg\":\"Hello John\"}");
        assertThat(response.headers().firstValue("Micro-Endpoint")).contains("Say.Hello");
        assertThat(response.headers().firstValue("X-Micro-Endpoint")).contains("Say.Hello");
    }

    @Test
    void theEndpointIsNamedByMicroEndpointElseByMicroMethod() throws Exception {
        HttpResponse<String> byMethod = http.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Micro-Service", SERVICE)
                .header("Micro-Method", "Say.Hello")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Method\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(byMethod.body()).isEqualTo("{\"msg\":\"Hello Method\"}");
        HttpResponse<String> both = http.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Micro-Service", SERVICE)
                .header("Micro-Endpoint", "Say.Hello")
                .header("Micro-Method", "Say.Goodbye")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Endpoint\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(both.body()).isEqualTo("{\"msg\":\"Hello Endpoint\"}");
    }

    @Test
    void aRequestWithoutContentTypeIsReadAsProtobuf() throws Exception {
        byte[] body = HelloRequest.newBuilder().setName("John").build().toByteArray();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri)
                .header("Micro-Service", SERVICE).header("Micro-Endpoint", "Say.Hello")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(io.microspring.test.proto.HelloResponse.parseFrom(response.body()).getMsg()).isEqualTo("Hello John");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/protobuf");
    }

    private MicroException callExpectingError(Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Micro-Service", SERVICE)
                .header("Micro-Endpoint", "Say.Hello");
        headers.forEach(request::setHeader);
        HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
        return MicroException.parse(response.headers().firstValue("Micro-Error").orElseThrow());
    }

    /** Sends a raw HTTP/1.1 request whose body is {@code chunks}, chunked; the whole response. */
    private String postChunked(List<String> chunks) throws Exception {
        StringBuilder request = new StringBuilder("POST / HTTP/1.1\r\nHost: " + uri.getAuthority()
                + "\r\nContent-Type: application/json\r\nMicro-Service: " + SERVICE
                + "\r\nMicro-Endpoint: Say.Hello\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (String chunk : chunks) {
            if (!chunk.isEmpty()) {
                request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
        }
        request.append("0\r\n\r\n");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String header(String response, String name) {
        return response.lines().filter(line -> line.startsWith(name + ": ")).findFirst().orElseThrow()
                .substring(name.length() + 2);
    }

    private void assertStillServing() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Micro-Service", SERVICE).header("Micro-Endpoint", "Say.Hello")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"John\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("{\"msg\":\"Hello John\"}");
    }
}
