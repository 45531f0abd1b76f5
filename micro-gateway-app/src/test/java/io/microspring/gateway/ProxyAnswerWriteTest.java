package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.registry.Registration;

/**
 * How the http (proxy) handler sends a node's answer on, ahead of WebFlux (origin form) and
 * through it (absolute form): a small one with a Content-Length in one write once it is whole, a
 * larger one as it streams in. The backend sends the head and the first part of its body, then
 * waits until the test lets it send the rest.
 */
@ExtendWith(ClusterExtension.class)
class ProxyAnswerWriteTest {

    private static final String SMALL_FIRST = "Hello ";
    private static final String SMALL_REST = "World";
    private static final String LARGE_FIRST = "a".repeat(20_000);
    private static final String LARGE_REST = "b".repeat(20_000);

    static Cluster cluster;
    static PausingBackend backend;
    static Registration registration;

    @BeforeAll
    static void start(Cluster shared) throws IOException {
        cluster = shared;
        backend = PausingBackend.start();
        registration = cluster.registerWeb("go.micro.api.pausing", backend.address(), "/pausing/**");
        Cluster.Gateway gateway = cluster.gateway();
        await().atMost(Duration.ofSeconds(30)).until(() -> RawHttp.exchange(gateway, "GET /pausing/ready", "", "")
                .endsWith("\r\n\r\nready"));
    }

    @AfterEach
    void releaseAnyAnswerHeld() {
        backend.sendTheRest();
        backend.forgetHeld();
    }

    @AfterAll
    static void stop() throws IOException {
        registration.close();
        backend.close();
    }

    @ParameterizedTest(name = "{0} form")
    @ValueSource(strings = {"origin", "absolute"})
    void aSmallDeclaredAnswerGoesOutInOneWriteOnceWhole(String form) throws IOException, InterruptedException {
        Cluster.Gateway gateway = cluster.gateway();
        try (Socket client = request(gateway, form, "/pausing/small")) {
            backend.awaitHolding();
            client.setSoTimeout(2_000);
            assertThatThrownBy(() -> client.getInputStream().read())
                    .as("nothing of the answer before the backend sent all of it")
                    .isInstanceOf(SocketTimeoutException.class);
            backend.sendTheRest();
            client.setSoTimeout(30_000);
            String head = head(client.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Length: 11\r\n");
            assertThat(text(client.getInputStream().readNBytes(11))).isEqualTo(SMALL_FIRST + SMALL_REST);
        }
    }

    @ParameterizedTest(name = "{0} form")
    @ValueSource(strings = {"origin", "absolute"})
    void aLargerDeclaredAnswerStreamsAsItComes(String form) throws IOException {
        Cluster.Gateway gateway = cluster.gateway();
        try (Socket client = request(gateway, form, "/pausing/large")) {
            client.setSoTimeout(30_000);
            InputStream in = client.getInputStream();
            assertThat(head(in)).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Length: 40000\r\n");
            assertThat(text(in.readNBytes(LARGE_FIRST.length()))).as("the first part before the backend sent the rest")
                    .isEqualTo(LARGE_FIRST);
            backend.sendTheRest();
            assertThat(text(in.readNBytes(LARGE_REST.length()))).isEqualTo(LARGE_REST);
        }
    }

    @ParameterizedTest(name = "{0} form")
    @ValueSource(strings = {"origin", "absolute"})
    void aSmallAnswerTheNodeBreaksOffIsA502NotATruncated200(String form) throws IOException {
        Cluster.Gateway gateway = cluster.gateway();
        try (Socket client = request(gateway, form, "/pausing/broken")) {
            client.setSoTimeout(30_000);
            String answer = text(client.getInputStream().readAllBytes());
            assertThat(answer).startsWith("HTTP/1.1 502 Bad Gateway\r\n")
                    .contains("service go.micro.api.pausing closed the connection before answering")
                    .doesNotContain(SMALL_FIRST);
        }
    }

    /** A connection to {@code gateway} on which {@code GET path} went, in origin or absolute form. */
    private static Socket request(Cluster.Gateway gateway, String form, String path) throws IOException {
        String target = form.equals("origin") ? path : "http://127.0.0.1:" + gateway.port() + path;
        Socket client = new Socket("127.0.0.1", gateway.port());
        client.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + gateway.port()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        return client;
    }

    /** The head of a message, up to and with the empty line ending it. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int next = in.read();
            assertThat(next).as("the connection ends inside the head: %s", head).isNotNegative();
            head.append((char) next);
        }
        return head.toString();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /**
     * A loopback HTTP server answering {@code /pausing/small} with 11 bytes and any other path with
     * 40,000, both with a Content-Length: it sends the head and the first part of the body, then
     * the rest once {@link #sendTheRest} is called; {@code /pausing/ready} it answers with
     * {@code ready} at once, {@code /pausing/broken} with the first part of the small answer, then
     * it closes the connection. Each connection is kept alive, on a thread of its own.
     */
    static final class PausingBackend implements AutoCloseable {

        private final ServerSocket socket;
        /** Opened by {@link #sendTheRest}: the answer being held, or the last one. */
        private final AtomicReference<CountDownLatch> rest = new AtomicReference<>(new CountDownLatch(0));
        /** A permit for each answer whose first part went out. */
        private final Semaphore holding = new Semaphore(0);

        private PausingBackend(ServerSocket socket) {
            this.socket = socket;
        }

        static PausingBackend start() throws IOException {
            PausingBackend backend = new PausingBackend(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread acceptor = new Thread(backend::serve, "pausing-backend");
            acceptor.setDaemon(true);
            acceptor.start();
            return backend;
        }

        String address() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        /** Waits until an answer has sent its first part and is held. */
        void awaitHolding() throws InterruptedException {
            assertThat(holding.tryAcquire(30, TimeUnit.SECONDS)).as("the backend holds an answer").isTrue();
        }

        /** Forgets the answers held so far, for {@link #awaitHolding} to wait for the next one. */
        void forgetHeld() {
            holding.drainPermits();
        }

        /** Lets the answer being held, if any, send the rest of its body. */
        void sendTheRest() {
            rest.get().countDown();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    Thread answering = new Thread(() -> answer(connection), "pausing-backend-connection");
                    answering.setDaemon(true);
                    answering.start();
                } catch (IOException e) {
                    // closed: the test is over
                }
            }
        }

        private void answer(Socket connection) {
            try (connection) {
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream();
                for (String request = requestLine(in); request != null; request = requestLine(in)) {
                    boolean ready = request.startsWith("GET /pausing/ready ");
                    boolean broken = request.startsWith("GET /pausing/broken ");
                    boolean small = broken || request.startsWith("GET /pausing/small ");
                    String first = ready ? "ready" : small ? SMALL_FIRST : LARGE_FIRST;
                    String last = ready ? "" : small ? SMALL_REST : LARGE_REST;
                    CountDownLatch gate = new CountDownLatch(ready ? 0 : 1);
                    rest.set(gate);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                            + (first.length() + last.length()) + "\r\n\r\n" + first)
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if (broken) {
                        return;
                    }
                    if (!ready) {
                        holding.release();
                    }
                    if (!gate.await(60, TimeUnit.SECONDS)) {
                        return;
                    }
                    out.write(last.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // the gateway closed the connection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The request line of the next request on the connection (its head read whole), {@code null} at its end. */
        private static String requestLine(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int next = in.read();
                if (next < 0) {
                    return null;
                }
                head.append((char) next);
            }
            return head.substring(0, head.indexOf("\r\n"));
        }
    }
}
