package io.microspring.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.microspring.metadata.Metadata;
import io.microspring.transport.SendOptions;
import io.microspring.transport.TransportException;
import io.microspring.transport.TransportMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * The unary client's pool, seen from the node: how many connections it opens and keeps (go-micro's
 * pool size and TTL), that a connection the node closed is not used again, and how a call on a
 * connection the node closed or reset fails or goes again.
 */
class PooledConnectionsTest {

    private static final SendOptions OPTIONS = new SendOptions(Duration.ofSeconds(10), Duration.ofSeconds(30));
    private static final Duration BLOCK = Duration.ofSeconds(60);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HttpTransport transport;
    private RawHttpNode node;

    @BeforeEach
    void addMeters() {
        Metrics.addRegistry(meters);
    }

    @AfterEach
    void close() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (node != null) {
            node.close();
        }
        Metrics.removeRegistry(meters);
    }

    @Test
    void whenCallsFollowOneAnotherThenTheyTakeTurnsOnOneConnectionAsGoMicroRequests() throws Exception {
        node = new RawHttpNode(RawHttpNode.echo());
        transport = transport(100, Duration.ofMinutes(1));

        List<String> answers = texts(oneAfterAnother(20, i -> "call " + i).block(BLOCK));

        assertThat(answers).hasSize(20).startsWith("call 0", "call 1").endsWith("call 19");
        assertThat(node.accepted()).isEqualTo(1);
        assertThat(node.heads().get(0)).startsWith("POST / HTTP/1.1\r\n")
                .containsIgnoringCase("\r\nhost: " + node.address() + "\r\n")
                .containsIgnoringCase("\r\ncontent-length: 6\r\n")
                .containsIgnoringCase("\r\nmicro-service: go.micro.srv.greeter\r\n")
                .containsIgnoringCase("\r\nmicro-endpoint: Say.Hello\r\n");
        assertThat(gauge(PoolGauges.OPEN)).isEqualTo(1);
        assertThat(gauge(PoolGauges.IDLE)).isEqualTo(1);
    }

    @Test
    void whenMoreCallsWereBusyThanThePoolSizeThenOnlyPoolSizeConnectionsStayOpen() throws Exception {
        CountDownLatch allArrived = new CountDownLatch(6);
        node = new RawHttpNode((number, body, socket, out) -> {
            allArrived.countDown();
            awaitQuietly(allArrived);
            RawHttpNode.answer(out, body);
            return true;
        });
        transport = transport(2, Duration.ofMinutes(1));

        List<String> answers = Flux.range(0, 6).flatMap(i -> transport.send(node.address(), request("call " + i),
                OPTIONS)).map(PooledConnectionsTest::text).collectList().block(BLOCK);

        assertThat(answers).hasSize(6);
        assertThat(node.accepted()).isEqualTo(6);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(node.open()).isEqualTo(2);
            assertThat(gauge(PoolGauges.OPEN)).isEqualTo(2);
        });
        assertThat(gauge(PoolGauges.IDLE)).isEqualTo(2);
    }

    @Test
    void whenMoreCallsThanThePoolSizeAreBusyAgainThenTheirConnectionsAreUsedAgainAndClosedOnlyOnceIdle()
            throws Exception {
        // twice as many calls as event loops, so that each wave puts as many on every loop
        int calls = 2 * LoopResources.DEFAULT_IO_WORKER_COUNT;
        CyclicBarrier wave = new CyclicBarrier(calls);
        node = new RawHttpNode((number, body, socket, out) -> {
            awaitQuietly(wave);
            RawHttpNode.answer(out, body);
            return true;
        });
        transport = transport(2, Duration.ofMinutes(1));

        for (int round = 0; round < 3; round++) {
            List<String> answers = Flux.range(0, calls).flatMap(i -> transport.send(node.address(),
                    request("call " + i), OPTIONS)).map(PooledConnectionsTest::text).collectList().block(BLOCK);
            assertThat(answers).hasSize(calls);
        }

        // go-micro's pool would have closed all but 2 after each wave and opened them again for the next
        assertThat(node.accepted()).isEqualTo(calls);
        await().atMost(NodePool.SURPLUS_IDLE.plusSeconds(30)).untilAsserted(() -> {
            assertThat(node.open()).isEqualTo(2);
            assertThat(gauge(PoolGauges.OPEN)).isEqualTo(2);
        });
        assertThat(gauge(PoolGauges.IDLE)).isEqualTo(2);
    }

    @Test
    void whenAConnectionHasOutlivedThePoolTtlThenItIsClosedAndTheNextCallOpensAnother() throws Exception {
        node = new RawHttpNode(RawHttpNode.echo());
        transport = transport(100, Duration.ofMillis(300));

        assertThat(text(transport.send(node.address(), request("first"), OPTIONS).block(BLOCK))).isEqualTo("first");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(node.open()).isZero();
            assertThat(gauge(PoolGauges.OPEN)).isZero();
        });
        assertThat(text(transport.send(node.address(), request("second"), OPTIONS).block(BLOCK))).isEqualTo("second");

        assertThat(node.accepted()).isEqualTo(2);
    }

    @Test
    void whenTheNodeHasClosedAnIdleConnectionThenTheNextCallGoesOnANewOne() throws Exception {
        // answers as HTTP/1.1 with keep-alive, then closes all the same
        node = new RawHttpNode((number, body, socket, out) -> {
            RawHttpNode.answer(out, body);
            return false;
        });
        transport = transport(100, Duration.ofMinutes(1));

        assertThat(text(transport.send(node.address(), request("first"), OPTIONS).block(BLOCK))).isEqualTo("first");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gauge(PoolGauges.OPEN)).isZero());
        assertThat(text(transport.send(node.address(), request("second"), OPTIONS).block(BLOCK))).isEqualTo("second");

        assertThat(node.accepted()).isEqualTo(2);
        assertThat(node.requests()).isEqualTo(2);
    }

    @Test
    void whenTheNodeReadsARequestAndClosesWithoutAnswerThenTheCallFailsAsProcessedAndIsNotSentAgain()
            throws Exception {
        // the second request on the kept-alive connection is read, then the connection closed
        node = new RawHttpNode((number, body, socket, out) -> {
            if (number == 2) {
                return false;
            }
            RawHttpNode.answer(out, body);
            return true;
        });
        transport = transport(100, Duration.ofMinutes(1));

        assertThatThrownBy(() -> oneAfterAnother(2, i -> "call " + i).block(BLOCK))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.unprocessed()).isFalse();
                    assertThat(e.getMessage()).startsWith("exchange with node " + node.address() + " failed")
                            .contains("closed the connection before it answered");
                });
        assertThat(node.requests()).isEqualTo(2);
        assertThat(node.accepted()).isEqualTo(1);
    }

    @Test
    void whenTheNodeResetsAReusedConnectionBeforeAnsweringThenTheCallGoesOnceMoreOnANewConnection()
            throws Exception {
        // the second request on a connection is met by a reset (SO_LINGER 0), as a node that had closed it would
        node = new RawHttpNode((number, body, socket, out) -> {
            if (number == 2) {
                socket.setSoLinger(true, 0);
                return false;
            }
            RawHttpNode.answer(out, body);
            return true;
        });
        transport = transport(100, Duration.ofMinutes(1));

        List<String> answers = texts(oneAfterAnother(2, i -> "call " + i).block(BLOCK));

        assertThat(answers).containsExactly("call 0", "call 1");
        assertThat(node.accepted()).isEqualTo(2);
        assertThat(node.requests()).isEqualTo(3);
    }

    @Test
    void whenTheFirstRequestOnANewConnectionIsMetByAResetThenTheCallFailsAsProcessed() throws Exception {
        node = new RawHttpNode((number, body, socket, out) -> {
            socket.setSoLinger(true, 0);
            return false;
        });
        transport = transport(100, Duration.ofMinutes(1));

        assertThatThrownBy(() -> transport.send(node.address(), request("hello"), OPTIONS).block(BLOCK))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.unprocessed()).isFalse());
        assertThat(node.requests()).isEqualTo(1);
    }

    @Test
    void whenAnAnswerComesInChunksOrIsLargeThenItsBodyArrivesWhole() throws Exception {
        byte[] large = new byte[3 * 1024 * 1024];
        Arrays.fill(large, (byte) 'x');
        node = new RawHttpNode((number, body, socket, out) -> {
            if (number == 1) {
                chunked(out, body);
            } else {
                RawHttpNode.answer(out, large);
            }
            return true;
        });
        transport = transport(100, Duration.ofMinutes(1));

        List<TransportMessage> answers = oneAfterAnother(2, i -> "chunked").block(BLOCK);

        assertThat(text(answers.get(0))).isEqualTo("chunkedchunked");
        assertThat(answers.get(1).body()).isEqualTo(large);
        assertThat(node.accepted()).isEqualTo(1);
    }

    @Test
    void whenTheNodeAnswersAnotherStatusThenTheCallFailsAsProcessedWithTheNodesWords() throws Exception {
        node = new RawHttpNode((number, body, socket, out) -> {
            out.write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return true;
        });
        transport = transport(100, Duration.ofMinutes(1));

        assertThatThrownBy(() -> transport.send(node.address(), request("hello"), OPTIONS).block(BLOCK))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.unprocessed()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("the node answered HTTP 503 Service Unavailable: busy");
                });
    }

    private HttpTransport transport(int poolSize, Duration ttl) {
        return new HttpTransport(new HttpTransportSettings(poolSize, ttl, HttpTransportSettings.DEFAULT_MAX_BODY_SIZE,
                HttpTransportSettings.DEFAULT_MAX_HEADER_SIZE).withPoolMetrics(true));
    }

    private double gauge(String name) {
        return meters.get(name).tag("remote.address", node.address()).gauge().value();
    }

    /** The body twice, in two chunks of chunked transfer coding. */
    private static void chunked(OutputStream out, byte[] body) throws IOException {
        StringBuilder answer = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        String text = new String(body, StandardCharsets.UTF_8);
        for (int i = 0; i < 2; i++) {
            answer.append(Integer.toHexString(body.length)).append("\r\n").append(text).append("\r\n");
        }
        out.write(answer.append("0\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BrokenBarrierException | TimeoutException e) {
            // the calls are answered all the same; the counts tell what went wrong
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code calls} calls, each sent once the one before has its answer, from the event loop that
     * read that answer, as a caller chaining its calls would: so it finds the connection the answer
     * came on idle in its loop's pool. (Sent from the test's thread, a call would start on the next
     * loop in turn, whose pool holds no connection.)
     */
    private Mono<List<TransportMessage>> oneAfterAnother(int calls, IntFunction<String> body) {
        Mono<List<TransportMessage>> answers = Mono.just(List.of());
        for (int i = 0; i < calls; i++) {
            TransportMessage next = request(body.apply(i));
            answers = answers.flatMap(before -> transport.send(node.address(), next, OPTIONS).map(answer -> {
                List<TransportMessage> all = new ArrayList<>(before);
                all.add(answer);
                return all;
            }));
        }
        return answers;
    }

    private static List<String> texts(List<TransportMessage> messages) {
        return messages.stream().map(PooledConnectionsTest::text).toList();
    }

    private static String text(TransportMessage message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    private static TransportMessage request(String body) {
        return new TransportMessage(Metadata.of("Micro-Service", "go.micro.srv.greeter", "Micro-Endpoint", "Say.Hello",
                "Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }
}
