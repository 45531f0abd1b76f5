package io.microspring.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.microspring.metadata.Metadata;
import io.microspring.transport.Listener;
import io.microspring.transport.SendOptions;
import io.microspring.transport.TransportException;
import io.microspring.transport.TransportMessage;
import reactor.core.publisher.Mono;

/** Unary exchanges of the HTTP transport's client: node addresses, reuse of connections, the request timeout. */
class HttpTransportSendTest {

    private static final SendOptions OPTIONS = new SendOptions(Duration.ofSeconds(10), Duration.ofSeconds(30));

    private final HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
    private Listener listener;

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close(Duration.ofSeconds(5));
        }
        transport.close();
    }

    @Test
    void whenTheNodeIsNamedByHostNameThenTheExchangeReachesIt() {
        listener = transport.listen("127.0.0.1:0", request -> Mono.just(new TransportMessage(
                Metadata.of("Micro-Echo", request.headers().get("Micro-Service").orElse("")), request.body())));
        String byName = "localhost:" + listener.address().substring(listener.address().lastIndexOf(':') + 1);

        TransportMessage answer = transport.send(byName, request("hello"), OPTIONS).block(Duration.ofSeconds(30));

        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(answer.headers().get("Micro-Echo")).contains("go.micro.srv.greeter");
    }

    @Test
    void whenManyCallsGoToOneNodeThenEachGetsItsOwnAnswer() {
        AtomicInteger served = new AtomicInteger();
        listener = transport.listen("127.0.0.1:0", request -> {
            served.incrementAndGet();
            return Mono.just(new TransportMessage(Metadata.empty(), request.body()));
        });

        for (int i = 0; i < 50; i++) {
            TransportMessage answer = transport.send(listener.address(), request("call " + i), OPTIONS)
                    .block(Duration.ofSeconds(30));
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("call " + i);
        }
        assertThat(served).hasValue(50);
    }

    @Test
    void whenTheNodeDoesNotAnswerWithinTheRequestTimeoutThenTheExchangeFailsAsProcessed() {
        listener = transport.listen("127.0.0.1:0", request -> Mono.never());

        assertThatThrownBy(() -> transport.send(listener.address(), request("hello"),
                new SendOptions(Duration.ofSeconds(10), Duration.ofMillis(200))).block(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.unprocessed()).isFalse();
                    assertThat(e.getMessage()).startsWith("exchange with node " + listener.address() + " failed");
                });
    }

    @Test
    void whenTheAddressIsNotHostAndPortThenTheCallFailsAsNotSent() {
        assertThatThrownBy(() -> transport.send("no-port-here", request("hello"), OPTIONS).block(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.unprocessed()).isTrue();
                    assertThat(e.address()).isEqualTo("no-port-here");
                    assertThat(e.getMessage()).startsWith("cannot connect to node no-port-here");
                });
    }

    private static TransportMessage request(String body) {
        return new TransportMessage(Metadata.of("Micro-Service", "go.micro.srv.greeter", "Micro-Endpoint", "Say.Hello",
                "Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }
}
