package io.microspring.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.microspring.annotation.MicroHandler;
import io.microspring.codec.Codecs;
import io.microspring.metadata.Metadata;
import io.microspring.net.HostPort;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A direct caller's hop-by-hop HTTP headers reach the server, but never the handler as metadata. */
class HopByHopHeadersTest {

    private static final String SERVICE = "go.micro.srv.headers";

    /** Answers with the metadata the handler was given. */
    public static class Seen {
        @MicroHandler
        public Map<String, String> metadata(Map<String, String> request, Metadata metadata) {
            return new TreeMap<>(metadata.asMap());
        }
    }

    final HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
    RpcServer server;

    @BeforeEach
    void start() {
        server = new RpcServer(ServerSettings.builder(SERVICE).address("127.0.0.1:0").build(), transport,
                new MemoryRegistry(), Codecs.standard(), List.of(), "http");
        server.handle(Handler.of(new Seen()));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        transport.close();
    }

    @Test
    void hopByHopHeadersAreNotTheCallersMetadata() throws Exception {
        String response = post(String.join("\r\n",
                "Content-Type: application/json",
                "Micro-Service: " + SERVICE,
                "Micro-Endpoint: Seen.Metadata",
                "Connection: close",
                "Keep-Alive: timeout=5",
                "Upgrade: example/1",
                "TE: trailers",
                "Trailer: X-Checksum",
                "Proxy-Authorization: Basic c2VjcmV0",
                "Proxy-Authenticate: Basic",
                "Proxy-Connection: keep-alive",
                "Transfer-Encoding: chunked",
                "Team: blue",
                "X-User: ann"), "2\r\n{}\r\n0\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200");
        Map<String, String> metadata = JsonMapper.shared().readValue(body(response), new TypeReference<>() {
        });
        Map<String, String> byLowerCase = new TreeMap<>();
        metadata.forEach((name, value) -> byLowerCase.put(name.toLowerCase(Locale.ROOT), value));
        assertThat(byLowerCase).containsExactlyEntriesOf(new TreeMap<>(Map.of("team", "blue", "x-user", "ann")));
    }

    /** Sends a raw HTTP/1.1 request with {@code headers} and the chunked {@code body}; the whole response. */
    private String post(String headers, String body) throws Exception {
        HostPort node = HostPort.parse(server.service().nodes().get(0).address());
        try (Socket socket = new Socket(node.host(), node.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: " + node + "\r\n" + headers + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
}
