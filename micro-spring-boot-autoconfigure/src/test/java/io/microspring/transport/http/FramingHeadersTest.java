package io.microspring.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.microspring.metadata.Metadata;
import io.microspring.transport.SendOptions;
import io.microspring.transport.Transport;
import io.microspring.transport.TransportMessage;

/**
 * Both clients of the HTTP transport (Netty's and the plain socket's) write the headers that frame
 * a request themselves: a message's own {@code Host}, {@code Content-Length} or
 * {@code Transfer-Encoding} never reaches the node.
 */
class FramingHeadersTest {

    private static final SendOptions OPTIONS = new SendOptions(Duration.ofSeconds(10), Duration.ofSeconds(30));

    private RawHttpNode node;
    private Transport client;

    static Stream<Arguments> clients() {
        return Stream.of(Arguments.of("netty"), Arguments.of("socket"));
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        node.close();
    }

    @ParameterizedTest
    @MethodSource("clients")
    void aMessagesOwnFramingHeadersAreReplacedByTheClients(String kind) throws IOException {
        client = kind.equals("netty") ? new HttpTransport(HttpTransportSettings.defaults()) : new SocketClientTransport();
        node = new RawHttpNode(RawHttpNode.echo());

        TransportMessage answer = client.send(node.address(), new TransportMessage(Metadata.of("Host", "elsewhere:1",
                "Content-Length", "99", "Transfer-Encoding", "chunked", "X-Trace", "a b"),
                "hello".getBytes(StandardCharsets.UTF_8)), OPTIONS).block(Duration.ofSeconds(30));

        // Netty writes header names in lower case, the socket client as go-micro does: HTTP reads them either way
        List<String> head = Stream.of(node.heads().get(0).split("\r\n")).map(line -> line.toLowerCase(Locale.ROOT))
                .toList();
        assertThat(head).containsExactlyInAnyOrder("post / http/1.1", "host: " + node.address(), "x-trace: a b",
                "content-length: 5");
        assertThat(head.get(0)).isEqualTo("post / http/1.1");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }
}
