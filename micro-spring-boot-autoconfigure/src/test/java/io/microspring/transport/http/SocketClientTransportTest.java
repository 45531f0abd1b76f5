package io.microspring.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
 * The socket client transport against a plain loopback socket that records the bytes it reads and
 * answers with bytes written here, and against the HTTP transport's own server; the errors a
 * caller sees through the client.
 */
class SocketClientTransportTest {

    private static final SendOptions OPTIONS = new SendOptions(Duration.ofSeconds(5), Duration.ofSeconds(30));
    private static final String OK_ANSWER = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nMicro-Id: 7\r\n"
            + "X-Micro-Id: 7\r\nContent-Length: 16\r\n\r\n{\"msg\":\"Hi Jo\"}\n";

    private final SocketClientTransport client = new SocketClientTransport();
    private final HttpTransport server = new HttpTransport(HttpTransportSettings.defaults());
    private Listener listener;
    private OneExchangeServer socketServer;

    @AfterEach
    void close() throws IOException {
        if (listener != null) {
            listener.close(Duration.ofSeconds(5));
        }
        if (socketServer != null) {
            socketServer.close();
        }
        server.close();
        client.close();
    }

    @Test
    void writesGoMicrosPostAndReadsTheAnswer() throws Exception {
        socketServer = new OneExchangeServer(OK_ANSWER);

        TransportMessage answer = client.send(socketServer.address(), new TransportMessage(
                Metadata.of("Content-Type", "application/json", "Micro-Endpoint", "Say.Hello", "X-Trace", "a b"),
                "{\"name\":\"Jo\"}".getBytes(StandardCharsets.UTF_8)), OPTIONS).block();

        String request = socketServer.request();
        String head = request.substring(0, request.indexOf("\r\n\r\n"));
        assertThat(head.split("\r\n")[0]).isEqualTo("POST / HTTP/1.1");
        assertThat(List.of(head.split("\r\n"))).containsExactlyInAnyOrder("POST / HTTP/1.1",
                "Host: " + socketServer.address(), "Content-Type: application/json", "Micro-Endpoint: Say.Hello",
                "X-Trace: a b", "Content-Length: 13");
        assertThat(request.substring(head.length() + 4)).isEqualTo("{\"name\":\"Jo\"}");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"msg\":\"Hi Jo\"}\n");
        assertThat(answer.headers().get("micro-id")).contains("7");
        assertThat(answer.headers().get("Content-Type")).contains("application/json");
    }

    @Test
    void readsAChunkedAnswer() {
        socketServer = new OneExchangeServer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"a\":\r\n3;x=y\r\n\"b\"\r\n1\r\n}\r\n0\r\nTrailer: z\r\n\r\n");

        TransportMessage answer = client.send(socketServer.address(), new TransportMessage(Metadata.empty(),
                new byte[0]), OPTIONS).block();

        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"b\"}");
    }

    @Test
    void aHeaderThatWouldSplitTheRequestIsNotSent() throws Exception {
        socketServer = new OneExchangeServer(OK_ANSWER);

        assertThatThrownBy(() -> client.send(socketServer.address(), new TransportMessage(
                Metadata.of("X-Bad", "a\r\nInjected: yes"), new byte[0]), OPTIONS).block())
                .isInstanceOfSatisfying(TransportException.class, error -> assertThat(error.getMessage())
                        .contains("header X-Bad cannot be sent"));
        assertThat(socketServer.connected()).isFalse();
    }

    @Test
    void cancellingTheExchangeClosesItsConnection() throws Exception {
        socketServer = new OneExchangeServer(null);
        Disposable call = client.send(socketServer.address(), new TransportMessage(Metadata.empty(), new byte[0]),
                OPTIONS).subscribe();
        socketServer.request();

        call.dispose();

        assertThat(socketServer.clientClosed()).isTrue();
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
        socketServer = new OneExchangeServer(null);

        assertThatThrownBy(() -> client.send(socketServer.address(), new TransportMessage(Metadata.empty(),
                new byte[0]), new SendOptions(Duration.ofSeconds(5), Duration.ofMillis(200))).block())
                .isInstanceOfSatisfying(TransportException.class, error -> assertThat(error.unprocessed()).isFalse());

        socketServer.close();
        socketServer = new OneExchangeServer(null);
        assertThat(callError(socketServer.address(), Duration.ofMillis(300))).satisfies(error -> {
            assertThat(error.id()).isEqualTo("go.micro.client");
            assertThat(error.code()).isEqualTo(408);
            assertThat(error.status()).isEqualTo("Request Timeout");
        });
    }

    @Test
    void anAnswerOtherThan200IsAFailedExchangeWithTheNodesWords() {
        String goError = "{\"id\":\"go.micro.server\",\"code\":500,\"detail\":\"boom\",\"status\":\"Internal Server Error\"}";
        socketServer = new OneExchangeServer("HTTP/1.1 500 Internal Server Error\r\nContent-Length: "
                + goError.length() + "\r\n\r\n" + goError);

        MicroException error = callError(socketServer.address(), Duration.ofSeconds(30));

        assertThat(error.id()).isEqualTo("go.micro.client");
        assertThat(error.code()).isEqualTo(500);
        assertThat(error.detail()).isEqualTo("greeter Say.Hello: the exchange with a node failed: "
                + "the node answered HTTP 500 Internal Server Error: " + goError);
    }

    @Test
    void anApplicationErrorIsTheServersOwn() {
        socketServer = new OneExchangeServer("HTTP/1.1 200 OK\r\nMicro-Error: {\"id\":\"greeter\",\"code\":400,"
                + "\"detail\":\"no name\",\"status\":\"Bad Request\"}\r\nContent-Length: 0\r\n\r\n");

        MicroException error = callError(socketServer.address(), Duration.ofSeconds(30));

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

    /**
     * A loopback server for one connection: reads one request (its head and a body of its
     * {@code Content-Length}) and writes {@code answer}, or nothing when it is null, then waits
     * for the client to close.
     */
    private static final class OneExchangeServer implements AutoCloseable {

        private final ServerSocket socket;
        private final CompletableFuture<String> request = new CompletableFuture<>();
        private final CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
        private volatile boolean connected;

        OneExchangeServer(String answer) {
            try {
                socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread thread = new Thread(() -> serve(answer), "one-exchange-server");
            thread.setDaemon(true);
            thread.start();
        }

        String address() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        /** The bytes of the request, as text. */
        String request() throws Exception {
            return request.get(30, TimeUnit.SECONDS);
        }

        boolean connected() {
            return connected;
        }

        /** Whether the client closed the connection (within 30 s). */
        boolean clientClosed() throws Exception {
            return clientClosed.get(30, TimeUnit.SECONDS);
        }

        private void serve(String answer) {
            try (Socket connection = socket.accept()) {
                connected = true;
                InputStream in = connection.getInputStream();
                ByteArrayOutputStream read = new ByteArrayOutputStream();
                while (!complete(read.toString(StandardCharsets.UTF_8))) {
                    int next = in.read();
                    if (next < 0) {
                        break;
                    }
                    read.write(next);
                }
                request.complete(read.toString(StandardCharsets.UTF_8));
                if (answer != null) {
                    connection.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                }
                clientClosed.complete(in.read() < 0);
            } catch (IOException e) {
                request.completeExceptionally(e);
                clientClosed.complete(true); // reset by the client
            }
        }

        private static boolean complete(String request) {
            int end = request.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            String head = request.substring(0, end).toLowerCase(Locale.ROOT);
            int length = head.indexOf("content-length: ");
            int declared = length < 0 ? 0
                    : Integer.parseInt(head.substring(length + 16).split("\r\n", 2)[0].strip());
            return request.length() - end - 4 >= declared;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
