package io.microspring.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.microspring.metadata.Metadata;
import io.microspring.testing.FreePorts;
import io.microspring.transport.Listener;
import io.microspring.transport.SendOptions;
import io.microspring.transport.TransportException;
import io.microspring.transport.TransportMessage;
import reactor.core.publisher.Mono;

/** The JDK client transport against the HTTP transport's own server on loopback. */
class JdkHttpClientTransportTest {

    private static final SendOptions OPTIONS = new SendOptions(Duration.ofSeconds(5), Duration.ofSeconds(30));

    private final HttpTransport server = new HttpTransport(HttpTransportSettings.defaults());
    private final JdkHttpClientTransport client = new JdkHttpClientTransport();
    private Listener listener;

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close(Duration.ofSeconds(5));
        }
        server.close();
        client.close();
    }

    @Test
    void sendsTheHeadersAndBodyAndReturnsTheAnswersHeadersAndBody() {
        listener = server.listen("127.0.0.1:0", request -> Mono.just(new TransportMessage(
                Metadata.of("Micro-Endpoint", request.headers().get("Micro-Endpoint").orElse("none"),
                        "X-Echo", request.headers().get("x-echo").orElse("none")),
                ("echo " + new String(request.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8))));

        TransportMessage answer = client.send(listener.address(), new TransportMessage(
                Metadata.of("Micro-Endpoint", "Say.Hello", "X-Echo", "abc", "Content-Type", "application/json"),
                "{\"name\":\"John\"}".getBytes(StandardCharsets.UTF_8)), OPTIONS).block();

        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("echo {\"name\":\"John\"}");
        assertThat(answer.headers().get("micro-endpoint")).contains("Say.Hello");
        assertThat(answer.headers().get("X-Echo")).contains("abc");
    }

    @Test
    void aNodeThatTakesNoConnectionIsUnprocessed() {
        String nowhere = "127.0.0.1:" + FreePorts.find();
        assertThatThrownBy(() -> client.send(nowhere, new TransportMessage(Metadata.empty(), new byte[0]), OPTIONS)
                .block())
                .isInstanceOfSatisfying(TransportException.class, error -> {
                    assertThat(error.unprocessed()).isTrue();
                    assertThat(error.address()).isEqualTo(nowhere);
                });
    }

    @Test
    void aNodeThatDoesNotAnswerInTimeMayHaveProcessedTheRequest() {
        listener = server.listen("127.0.0.1:0", request -> Mono.never());
        SendOptions shortWait = new SendOptions(Duration.ofSeconds(5), Duration.ofMillis(200));
        assertThatThrownBy(() -> client.send(listener.address(), new TransportMessage(Metadata.empty(), new byte[0]),
                shortWait).block())
                .isInstanceOfSatisfying(TransportException.class, error -> assertThat(error.unprocessed()).isFalse());
    }
}
