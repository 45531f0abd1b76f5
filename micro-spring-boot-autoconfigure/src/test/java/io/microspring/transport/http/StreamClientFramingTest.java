package io.microspring.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.microspring.metadata.Metadata;
import io.microspring.transport.TransportMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The stream client reads every response of a node as one message, whole and in order, however
 * the node's bytes are cut into TCP segments and however slowly the messages are taken: the
 * messages all have the same length and differ only in their number, so a message read from a
 * buffer that a later one had overwritten would show.
 */
class StreamClientFramingTest {

    private static final int MESSAGES = 300;

    private final HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
    private RawHttpNode node;

    @AfterEach
    void close() throws IOException {
        transport.close();
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 61, 100_000})
    void everyMessageArrivesWholeAndInOrderWhateverTheSegments(int segment) throws IOException {
        node = streamingNode(segment);

        assertThat(received(stream().map(StreamClientFramingTest::text))).containsExactlyElementsOf(expected());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 61, 100_000})
    void aConsumerTakingOneMessageAtATimeOnAnotherThreadGetsThemWholeAndInOrder(int segment) throws IOException {
        node = streamingNode(segment);

        assertThat(received(stream().limitRate(1).publishOn(Schedulers.single(), 1)
                .map(StreamClientFramingTest::text))).containsExactlyElementsOf(expected());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100_000})
    void theFirstMessagesTakenBeforeCancellingAreTheFirstSent(int segment) throws IOException {
        node = streamingNode(segment);

        List<String> first = stream().take(3).map(StreamClientFramingTest::text).collectList()
                .block(Duration.ofSeconds(30));

        assertThat(first).containsExactly(message(1), message(2), message(3));
    }

    private Flux<TransportMessage> stream() {
        return transport.stream(node.address(), Mono.just(new TransportMessage(Metadata.of("Micro-Stream", "1"),
                "{}".getBytes(StandardCharsets.UTF_8))), Duration.ofSeconds(10));
    }

    private static List<String> received(Flux<String> messages) {
        return messages.take(MESSAGES).collectList().block(Duration.ofSeconds(60));
    }

    /** A node answering the opening request with all the messages at once, written {@code segment} bytes a flush. */
    private static RawHttpNode streamingNode(int segment) throws IOException {
        byte[] all = responses();
        return new RawHttpNode((number, body, socket, out) -> {
            if (number == 1) {
                socket.setTcpNoDelay(true);
                writeInSegments(out, all, segment);
            }
            return true;
        });
    }

    private static byte[] responses() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String message : expected()) {
            RawHttpNode.answer(bytes, message.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void writeInSegments(OutputStream out, byte[] bytes, int segment) throws IOException {
        for (int from = 0; from < bytes.length; from += segment) {
            out.write(bytes, from, Math.min(segment, bytes.length - from));
            out.flush();
        }
    }

    private static List<String> expected() {
        return IntStream.rangeClosed(1, MESSAGES).mapToObj(StreamClientFramingTest::message).toList();
    }

    private static String message(int number) {
        return "{\"msg\":\"Hello Long %04d\"}".formatted(number);
    }

    private static String text(TransportMessage message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }
}
