package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.Http;
import io.microspring.gatewaytest.echo.EchoApplication.Echo;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/** Websockets and server-sent events through a real gateway to the streaming endpoints of a real service. */
@ExtendWith(ClusterExtension.class)
class StreamBridgeTest {

    static Cluster.Gateway gateway;

    @BeforeAll
    static void start(Cluster shared) {
        gateway = shared.gateway();
    }

    @Test
    void aWebsocketChatsWithABidirectionalEndpoint() {
        List<String> answers = websocket("/test/echo/chat", "{\"name\":\"Ann\"}", "{\"name\":\"Bob\"}",
                "{\"name\":\"Cy\"}").take(3).collectList().block(Duration.ofSeconds(10));
        assertThat(answers).containsExactly("{\"msg\":\"Hi Ann\"}", "{\"msg\":\"Hi Bob\"}", "{\"msg\":\"Hi Cy\"}");
    }

    @Test
    void aWebsocketGetsAServerStreamAndItsEnd() {
        List<String> answers = websocket("/test/echo/count", "{\"name\":\"Ann\",\"count\":2}")
                .collectList().block(Duration.ofSeconds(10));
        assertThat(answers).containsExactly("{\"msg\":\"Hello Ann 1\"}", "{\"msg\":\"Hello Ann 2\"}");
    }

    @Test
    void aStreamErrorIsTheWebsocketsLastMessage() {
        List<String> answers = websocket("/test/echo/count", "{\"name\":\"bad\",\"count\":3}")
                .collectList().block(Duration.ofSeconds(10));
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0)).isEqualTo("{\"msg\":\"Hello bad 1\"}");
        assertThat(answers.get(1)).contains("\"code\":400").contains("\"detail\":\"bad name\"");
    }

    @Test
    void closingTheWebsocketOrDisconnectingFromTheEventsEndsTheHandler() {
        assertThat(websocket("/test/echo/ticks", "{}").take(2).collectList().block(Duration.ofSeconds(10)))
                .hasSize(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Echo.OPEN_TICKS).hasValue(0));
        List<String> events = HttpClient.create().headers(headers -> headers.add("Accept", "text/event-stream"))
                .get().uri(gateway.url("/test/echo/ticks")).responseContent().asString().take(2)
                .collectList().block(Duration.ofSeconds(10));
        assertThat(events).isNotEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Echo.OPEN_TICKS).hasValue(0));
    }

    @Test
    void aWebsocketToAnEndpointThatIsNotAStreamIsRefused() {
        Throwable refused = Flux.from(websocket("/test/echo/hello", "{}")).materialize().blockLast(
                Duration.ofSeconds(10)).getThrowable();
        assertThat(refused).isInstanceOfSatisfying(WebSocketClientHandshakeException.class,
                e -> assertThat(e.response().status().code()).isEqualTo(400));
    }

    @Test
    void serverSentEventsCarryAServerStream() {
        HttpResponse<String> response = Http.get(gateway.url("/test/echo/count?name=John&count=3"),
                "Accept", "text/event-stream");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(response.body()).isEqualTo("data: {\"msg\":\"Hello John 1\"}\n\n"
                + "data: {\"msg\":\"Hello John 2\"}\n\ndata: {\"msg\":\"Hello John 3\"}\n\n");
    }

    @Test
    void aStreamErrorIsAnErrorEvent() {
        HttpResponse<String> response = Http.get(gateway.url("/test/echo/count?name=bad&count=3"),
                "Accept", "text/event-stream");
        assertThat(response.body()).startsWith("data: {\"msg\":\"Hello bad 1\"}\n\nevent: error\ndata: {")
                .contains("\"code\":400");
    }

    @Test
    void aGetAcceptingEventsFromAnEndpointThatIsNotAStreamIsAnOrdinaryCall() {
        HttpResponse<String> response = Http.get(gateway.url("/test/echo/call?name=John"), "Accept",
                "text/event-stream");
        assertThat(response.body()).isEqualTo("{\"name\":\"John\"}");
    }

    /** Opens a websocket to {@code path}, sends {@code messages}, and returns the text frames received. */
    private static Flux<String> websocket(String path, String... messages) {
        return HttpClient.create().websocket()
                .uri(gateway.url(path).replace("http://", "ws://"))
                .handle((in, out) -> out.sendString(Flux.just(messages)).then()
                        .thenMany(in.receive().asString()));
    }
}
