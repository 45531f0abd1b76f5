package io.microspring.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.errors.MicroException;
import io.microspring.interop.proto.HelloRequest;
import io.microspring.interop.proto.HelloResponse;
import io.microspring.interop.proto.StreamRequest;
import io.microspring.testing.GoPeers;
import io.microspring.testing.LoopbackConnections;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams between real go-micro v5 peers and ours, at fixed addresses: a go-micro client streams
 * from the Java Say.Stream and chats with the Java Say.Chat; the Java client streams from the Go
 * Say.Stream. Both codecs, errors in the middle of a stream, volume, and cancellation from either
 * side (the connection and the handler are gone afterwards).
 *
 * <p>The Go Say.Stream's messages are sent {@value #GO_INTERVAL_MILLIS} ms apart: go-micro
 * v5.30.0's server queues each message it streams as a slice of its codec's write buffer
 * ({@code rpcCodec.Write}, then its pseudo-socket's queue of 128), and the handler's next message
 * is encoded into the same buffer. When the goroutine that writes the queue to the connection lags
 * an interval behind the handler (a busy machine), an earlier message goes out with a later one's
 * bytes: {@code "Hello Long 1", "Hello Long 4", "Hello Long 5"} with messages a millisecond apart
 * (8 of 150 streams of this Java client on a loaded machine, one of them 36 messages behind), and
 * the same with a go-micro client (13 of 150 runs of the Go greeter-client with {@code --max=3}; a
 * stream without interval arrives all but garbled). At {@value #GO_INTERVAL_MILLIS} ms apart it
 * takes a writer that long behind; a test that cancels does not compare the messages' numbers
 * with their places.
 */
class StreamingIT {

    private static final String SERVICE = GreetersByAddress.SERVICE;
    private static final String[] CONTENT_TYPES = {"application/json", "application/protobuf"};
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How far apart the Go Say.Stream sends its messages in a test that compares them (see above). */
    static final int GO_INTERVAL_MILLIS = 200;

    @RegisterExtension
    static final GreetersByAddress greeters = new GreetersByAddress();

    @Test
    void goClientStreamsFromTheJavaGreeterWithJsonAndProtobuf() {
        for (String contentType : CONTENT_TYPES) {
            GoPeers.Result result = greeters.goClient("--content_type=" + contentType, "--stream",
                    "--endpoint=Say.Stream", "--request={\"name\":\"John\",\"count\":3}");
            assertThat(result.exitCode()).as(contentType + ": " + result.stderr()).isZero();
            assertThat(messages(result.stdout())).as(contentType)
                    .containsExactly("Hello John 1", "Hello John 2", "Hello John 3");
        }
    }

    @Test
    void goClientChatsWithTheJavaGreeterWithJsonAndProtobuf() {
        for (String contentType : CONTENT_TYPES) {
            GoPeers.Result result = greeters.goClient("--content_type=" + contentType, "--endpoint=Say.Chat",
                    "--chat=5");
            assertThat(result.exitCode()).as(contentType + ": " + result.stderr()).isZero();
            assertThat(messages(result.stdout())).as(contentType)
                    .containsExactly("Hello 1", "Hello 2", "Hello 3", "Hello 4", "Hello 5");
        }
    }

    @Test
    void javaClientStreamsFromTheGoGreeterWithJsonAndProtobuf() {
        for (String contentType : CONTENT_TYPES) {
            List<String> messages = client().stream(SERVICE, "Say.Stream", Mono.just(StreamRequest.newBuilder()
                    .setName("John").setCount(3).setIntervalMillis(GO_INTERVAL_MILLIS).build()), HelloResponse.class,
                    toGo(contentType))
                    .map(HelloResponse::getMsg).collectList().block(Duration.ofSeconds(30));
            assertThat(messages).as(contentType).containsExactly("Hello John 1", "Hello John 2", "Hello John 3");
        }
    }

    /**
     * One message at a time: go-micro v5.30.0's server can send messages queued back to back with
     * another one's bytes. The Java client ends the stream itself once it has its answers, as
     * go-micro's clients do with Close: a Go handler that reads its stream to the end returns
     * without sending an end-of-stream message.
     */
    @Test
    void javaClientChatsWithTheGoGreeter() {
        Sinks.Many<HelloRequest> requests = Sinks.many().unicast().onBackpressureBuffer();
        requests.tryEmitNext(HelloRequest.newBuilder().setName("1").build());
        List<String> answers = client().stream(SERVICE, "Say.Chat", requests.asFlux(), HelloResponse.class,
                toGo("application/protobuf"))
                .map(HelloResponse::getMsg)
                .doOnNext(answer -> requests.tryEmitNext(HelloRequest.newBuilder()
                        .setName(Integer.toString(Integer.parseInt(answer.substring(6)) + 1)).build()))
                .take(5).collectList().block(Duration.ofSeconds(30));
        assertThat(answers).containsExactly("Hello 1", "Hello 2", "Hello 3", "Hello 4", "Hello 5");
    }

    @Test
    void aJavaHandlerErrorMidStreamReachesTheGoClientWithItsCode() {
        GoPeers.Result result = greeters.goClient("--stream", "--endpoint=Say.Stream",
                "--request={\"name\":\"bad\",\"count\":3}");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(json(result.stdout().get(0)).path("msg").asString()).isEqualTo("Hello bad 1");
        JsonNode error = json(result.lastLine());
        assertThat(error.path("id").asString()).isEqualTo("x");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("detail").asString()).isEqualTo("bad name");
        assertThat(error.path("status").asString()).isEqualTo("Bad Request");
    }

    @Test
    void aGoHandlerErrorMidStreamReachesTheJavaClientWithItsCode() {
        List<String> received = new ArrayList<>();
        assertThatThrownBy(() -> client().stream(SERVICE, "Say.Stream", Mono.just(StreamRequest.newBuilder()
                .setName("bad").setCount(3).build()), HelloResponse.class, toGo("application/protobuf"))
                .doOnNext(message -> received.add(message.getMsg())).blockLast(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.id()).isEqualTo("x");
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.detail()).isEqualTo("bad name");
                });
        assertThat(received).containsExactly("Hello bad 1");
    }

    @Test
    void aHundredThousandMessageChatFromGoArrivesCompleteAndInOrder() {
        int count = 100_000;
        GoPeers.Result result = greeters.goClient(Duration.ofMinutes(5),
                "--content_type=application/protobuf", "--endpoint=Say.Chat", "--chat=" + count);
        assertThat(result.exitCode()).as(String.join("\n", result.stderr())).isZero();
        List<String> messages = messages(result.stdout());
        assertThat(messages).hasSize(count);
        assertThat(messages).containsExactlyElementsOf(IntStream.rangeClosed(1, count).mapToObj(i -> "Hello " + i)
                .toList());
    }

    @Test
    void aGoClientClosingItsStreamEndsTheJavaHandlerAndItsConnection() {
        int javaPort = port(greeters.javaAddress());
        GoPeers.Result result = greeters.goClient("--stream", "--max=3", "--endpoint=Say.Stream",
                "--request={\"name\":\"Long\",\"count\":1000000,\"interval_millis\":1}");
        assertThat(result.exitCode()).as(result.stderr().toString()).isZero();
        assertThat(messages(result.stdout())).containsExactly("Hello Long 1", "Hello Long 2", "Hello Long 3");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(JavaGreeter.OPEN_STREAMS).hasValue(0);
            assertThat(LoopbackConnections.servedOn(javaPort)).isZero();
        });
    }

    /**
     * The three messages taken before the cancel are any three of the stream, not necessarily its
     * first (see the class comment: the Go server may send an earlier message with a later one's
     * bytes, so a message holds its own number or a later one's); what is checked is that they
     * arrived in the order sent and that the cancel closed the connection.
     */
    @Test
    void theJavaClientCancellingItsStreamClosesTheConnectionOnBothSides() {
        int goPort = port(greeters.goAddress());
        List<String> first = client().stream(SERVICE, "Say.Stream", Mono.just(StreamRequest.newBuilder().setName("Long")
                .setCount(100_000).setIntervalMillis(GO_INTERVAL_MILLIS).build()), HelloResponse.class,
                toGo("application/json"))
                .take(3).map(HelloResponse::getMsg).collectList().block(Duration.ofSeconds(30));
        assertThat(first).hasSize(3).allMatch(message -> message.matches("Hello Long [1-9][0-9]*"));
        assertThat(first.stream().map(message -> Integer.parseInt(message.substring("Hello Long ".length())))
                .toList()).isSorted();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(LoopbackConnections.toPort(goPort)).as("our side").isZero();
            assertThat(LoopbackConnections.servedOn(goPort)).as("the Go server's side").isZero();
        });
    }

    private static MicroClient client() {
        return greeters.javaClient();
    }

    private static CallOptions toGo(String contentType) {
        return greeters.toGo(contentType).build();
    }

    /** The {@code msg} of each JSON line the Go client printed. */
    private static List<String> messages(List<String> lines) {
        return lines.stream().map(line -> json(line).path("msg").asString()).toList();
    }

    private static int port(String address) {
        return URI.create("http://" + address).getPort();
    }

    private static JsonNode json(String line) {
        return JSON.readTree(line);
    }
}
