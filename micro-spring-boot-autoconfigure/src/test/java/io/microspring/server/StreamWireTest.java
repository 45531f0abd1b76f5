package io.microspring.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.microspring.annotation.MicroHandler;
import io.microspring.codec.Codecs;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;

/** A stream to our server written and read byte by byte, as go-micro's HTTP transport sends it. */
class StreamWireTest {

    /** {@code Say.Stream}: {@code times} messages; {@code Say.Forever}: a message a millisecond until cancelled. */
    public static class Say {
        final AtomicReference<SignalType> ended = new AtomicReference<>();

        @MicroHandler
        public Flux<Map<String, Object>> stream(Map<String, Object> request) {
            int times = ((Number) request.get("times")).intValue();
            return Flux.range(1, times).map(i -> Map.of("msg", request.get("name") + " " + i));
        }

        @MicroHandler
        public Flux<Map<String, Object>> forever(Map<String, Object> request) {
            return Flux.interval(Duration.ofMillis(1)).onBackpressureDrop()
                    .map(i -> Map.<String, Object>of("i", i))
                    .doFinally(ended::set);
        }
    }

    HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
    Say say = new Say();
    RpcServer server;
    String address;

    @BeforeEach
    void start() {
        server = new RpcServer(ServerSettings.builder("greeter").address("127.0.0.1:0").build(), transport,
                new MemoryRegistry(), Codecs.standard(), List.of(), "http");
        server.handle(Handler.of(say));
        server.start();
        address = server.service().nodes().get(0).address();
    }

    @AfterEach
    void stop() {
        server.stop();
        transport.close();
    }

    @Test
    void theOpeningBodyIsNotAMessageAndEachAnswerIsOneResponseEndedByEos() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(request("Say.Stream", "{\"name\":\"ignored\",\"times\":9}"));
            out.write(request("Say.Stream", "{\"name\":\"Wire\",\"times\":2}"));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Response first = Response.read(in);
            Response second = Response.read(in);
            Response end = Response.read(in);
            assertThat(first.status()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(first.body()).isEqualTo("{\"msg\":\"Wire 1\"}");
            assertThat(first.headers()).containsEntry("content-type", "application/json")
                    .containsEntry("content-length", "16").containsEntry("micro-id", "7");
            assertThat(second.body()).isEqualTo("{\"msg\":\"Wire 2\"}");
            assertThat(end.status()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(end.headers()).containsEntry("micro-error", "EOS").containsEntry("content-length", "0");
            assertThat(end.body()).isEmpty();
        }
    }

    @Test
    void aDroppedConnectionCancelsTheHandler() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(request("Say.Forever", "{}"));
            out.write(request("Say.Forever", "{}"));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(Response.read(in).body()).startsWith("{\"i\":");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> say.ended.get() == SignalType.CANCEL);
    }

    private Socket connect() throws IOException {
        URI uri = URI.create("http://" + address);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** One message of a stream as go-micro's client writes it. */
    private static byte[] request(String endpoint, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST / HTTP/1.1\r\nHost: greeter\r\nContent-Type: application/json\r\nMicro-Id: 7\r\n"
                + "Micro-Service: greeter\r\nMicro-Endpoint: " + endpoint + "\r\nMicro-Method: " + endpoint + "\r\n"
                + "Micro-Stream: 7\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        byte[] request = new byte[head.length() + bytes.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, request, 0, head.length());
        System.arraycopy(bytes, 0, request, head.length(), bytes.length);
        return request;
    }

    /** An HTTP/1.1 response read off the connection: status line, headers (lower case names), body. */
    private record Response(String status, Map<String, String> headers, String body) {

        static Response read(BufferedReader in) throws IOException {
            String status = in.readLine();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            char[] body = new char[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
            int read = 0;
            while (read < body.length) {
                read += in.read(body, read, body.length - read);
            }
            return new Response(status, headers, new String(body));
        }
    }
}
