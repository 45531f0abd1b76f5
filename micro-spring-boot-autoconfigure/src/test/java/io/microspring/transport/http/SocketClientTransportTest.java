package io.microspring.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.RetryPolicy;
import io.microspring.client.RpcClient;
import io.microspring.codec.Codecs;
import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;
import io.microspring.testing.FreePorts;
import io.microspring.transport.Listener;
import io.microspring.transport.SendOptions;
import io.microspring.transport.TransportException;
import io.microspring.transport.TransportMessage;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The socket client transport against a plain loopback node that records what it reads and
 * answers with bytes written here ({@link RawHttpNode}), and against the HTTP transport's own
 * server; the errors a caller sees through the client.
 */
class SocketClientTransportTest {

    private static final SendOptions OPTIONS = new SendOptions(Duration.ofSeconds(5), Duration.ofSeconds(30));
    private static final String OK_ANSWER = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nMicro-Id: 7\r\n"
            + "X-Micro-Id: 7\r\nContent-Length: 16\r\n\r\n{\"msg\":\"Hi Jo\"}\n";

    private final SocketClientTransport client = new SocketClientTransport();
    private final HttpTransport server = new HttpTransport(HttpTransportSettings.defaults());
    private Listener listener;
    private RawHttpNode node;

    @AfterEach
    void close() throws IOException {
        if (listener != null) {
            listener.close(Duration.ofSeconds(5));
        }
        if (node != null) {
            node.close();
        }
        server.close();
        client.close();
    }

    @Test
    void writesGoMicrosPostAndReadsTheAnswer() throws IOException {
        List<String> bodies = new CopyOnWriteArrayList<>();
        node = new RawHttpNode((number, body, socket, out) -> {
            bodies.add(new String(body, StandardCharsets.UTF_8));
            out.write(OK_ANSWER.getBytes(StandardCharsets.UTF_8));
            return true;
        });

        TransportMessage answer = client.send(node.address(), new TransportMessage(
                Metadata.of("Content-Type", "application/json", "Micro-Endpoint", "Say.Hello", "X-Trace", "a b"),
                "{\"name\":\"Jo\"}".getBytes(StandardCharsets.UTF_8)), OPTIONS).block();

        List<String> head = List.of(node.heads().get(0).split("\r\n"));
        assertThat(head.get(0)).isEqualTo("POST / HTTP/1.1");
        assertThat(head).containsExactlyInAnyOrder("POST / HTTP/1.1", "Host: " + node.address(),
                "Content-Type: application/json", "Micro-Endpoint: Say.Hello", "X-Trace: a b", "Content-Length: 13");
        assertThat(bodies).containsExactly("{\"name\":\"Jo\"}");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"msg\":\"Hi Jo\"}\n");
        assertThat(answer.headers().get("micro-id")).contains("7");
        assertThat(answer.headers().get("Content-Type")).contains("application/json");
    }

    @Test
    void readsAChunkedAnswer() throws IOException {
        node = answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"a\":\r\n3;x=y\r\n\"b\"\r\n1\r\n}\r\n0\r\nTrailer: z\r\n\r\n");

        TransportMessage answer = client.send(node.address(), new TransportMessage(Metadata.empty(),
                new byte[0]), OPTIONS).block();

        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"b\"}");
    }

    @Test
    void timeoutsLongerThanNanosecondsCanCountAreNoError() throws IOException {
        node = answering(OK_ANSWER);
        Duration millennium = Duration.ofDays(365L * 1000);

        TransportMessage answer = client.send(node.address(), new TransportMessage(Metadata.empty(), new byte[0]),
                new SendOptions(millennium, millennium)).block();

        assertThat(answer.headers().get("Micro-Id")).contains("7");
    }

    @Test
    void aHeaderThatWouldSplitTheRequestIsNotSent() throws IOException {
        node = answering(OK_ANSWER);

        assertThatThrownBy(() -> client.send(node.address(), new TransportMessage(
                Metadata.of("X-Bad", "a\r\nInjected: yes"), new byte[0]), OPTIONS).block())
                .isInstanceOfSatisfying(TransportException.class, error -> assertThat(error.getMessage())
                        .contains("header X-Bad cannot be sent"));
        assertThat(node.accepted()).isZero();
    }

    @Test
    void cancellingTheExchangeClosesItsConnection() throws Exception {
        node = answering(null);
        Disposable call = client.send(node.address(), new TransportMessage(Metadata.empty(), new byte[0]),
                OPTIONS).subscribe();
        awaitUntil(() -> node.requests() == 1);

        call.dispose();

        awaitUntil(() -> node.open() == 0);
        assertThat(node.open()).isZero();
    }

    @Test
    void roundTripsWithTheHttpTransportsServer() {
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
    void aNodeThatTakesNoConnectionIsUnprocessedAndTheServiceUnavailable() {
        String nowhere = "127.0.0.1:" + FreePorts.find();
        assertThatThrownBy(() -> client.send(nowhere, new TransportMessage(Metadata.empty(), new byte[0]), OPTIONS)
                .block())
                .isInstanceOfSatisfying(TransportException.class, error -> {
                    assertThat(error.unprocessed()).isTrue();
                    assertThat(error.address()).isEqualTo(nowhere);
                });

        assertThat(callError(nowhere, Duration.ofSeconds(30))).satisfies(error -> {
            assertThat(error.id()).isEqualTo("go.micro.client");
            assertThat(error.code()).isEqualTo(503);
            assertThat(error.detail()).isEqualTo("service greeter: cannot connect to " + nowhere);
        });
    }

    @Test
    void aNodeThatDoesNotAnswerInTimeIsATimeout() throws IOException {
        node = answering(null);

        assertThatThrownBy(() -> client.send(node.address(), new TransportMessage(Metadata.empty(),
                new byte[0]), new SendOptions(Duration.ofSeconds(5), Duration.ofMillis(200))).block())
                .isInstanceOfSatisfying(TransportException.class, error -> assertThat(error.unprocessed()).isFalse());

        assertThat(callError(node.address(), Duration.ofMillis(300))).satisfies(error -> {
            assertThat(error.id()).isEqualTo("go.micro.client");
            assertThat(error.code()).isEqualTo(408);
            assertThat(error.status()).isEqualTo("Request Timeout");
        });
    }

    @Test
    void anAnswerOtherThan200IsAFailedExchangeWithTheNodesWords() throws IOException {
        String goError = "{\"id\":\"go.micro.server\",\"code\":500,\"detail\":\"boom\",\"status\":\"Internal Server Error\"}";
        node = answering("HTTP/1.1 500 Internal Server Error\r\nContent-Length: "
                + goError.length() + "\r\n\r\n" + goError);

        MicroException error = callError(node.address(), Duration.ofSeconds(30));

        assertThat(error.id()).isEqualTo("go.micro.client");
        assertThat(error.code()).isEqualTo(500);
        assertThat(error.detail()).isEqualTo("greeter Say.Hello: the exchange with a node failed: "
                + "the node answered HTTP 500 Internal Server Error: " + goError);
    }

    @Test
    void anApplicationErrorIsTheServersOwn() throws IOException {
        node = answering("HTTP/1.1 200 OK\r\nMicro-Error: {\"id\":\"greeter\",\"code\":400,"
                + "\"detail\":\"no name\",\"status\":\"Bad Request\"}\r\nContent-Length: 0\r\n\r\n");

        MicroException error = callError(node.address(), Duration.ofSeconds(30));

        assertThat(error.toJson()).isEqualTo(new MicroException("greeter", 400, "no name", "Bad Request").toJson());
    }

    /** What a client over this transport reports for a call to {@code greeter} at {@code address}. */
    private MicroException callError(String address, Duration timeout) {
        RpcClient rpc = new RpcClient(new RegistrySelector(new CachingRegistry(new MemoryRegistry(),
                Duration.ofMinutes(1)), Strategy.random(), Duration.ofSeconds(5)), client, Codecs.standard(),
                CallOptions.builder().requestTimeout(timeout).connectionTimeout(Duration.ofSeconds(5)).retries(0)
                        .backoff(Backoff.none()).retryPolicy(RetryPolicy.unprocessedOnly())
                        .contentType("application/json").build(), List.of());
        CallOptions options = CallOptions.builder().address(address).build();
        Throwable thrown = catchThrowable(() -> rpc.call("greeter", "Say.Hello",
                Map.of("name", "Jo"), Map.class, options).block());
        assertThat(thrown).isInstanceOf(MicroException.class);
        return (MicroException) thrown;
    }

    /** A node that answers every request with {@code answer} as it stands, or never when it is null. */
    private static RawHttpNode answering(String answer) throws IOException {
        return new RawHttpNode((number, body, socket, out) -> {
            if (answer != null) {
                out.write(answer.getBytes(StandardCharsets.UTF_8));
            }
            return true;
        });
    }

    /** Waits, 30 s at most, until {@code condition} holds. */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }
}
