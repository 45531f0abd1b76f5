package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.gatewaytest.Http;
import io.microspring.testing.EtcdServer;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.FreePorts;
import io.microspring.testing.GoPeers;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Interop scenario 6: the gateway jar, started with the {@code micro} launcher, routes {@code /rpc}
 * and the api and rpc handlers to go-micro services (real Go processes) found through a real etcd:
 * {@code greeter-srv} ({@code go.micro.srv.greeter}) and {@code greeter-api}
 * ({@code go.micro.api.greeter}, whose {@code Say.Hello} takes an {@code api.Request} and declares
 * the endpoint metadata {@code handler=api}); the Go greeter's stream {@code Say.Stream} through a
 * websocket and as server-sent events. The greeter's JSON results end with a newline, as
 * go-micro's JSON codec (a Go {@code json.Encoder}) writes them: the gateway passes the service's
 * bytes through unchanged.
 */
class GatewayGoInteropIT {

    private static final String JSON = "application/json";

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    static GoPeers.Peer greeter;
    static GoPeers.Peer greeterApi;

    @BeforeAll
    static void startGoServices() {
        Map<String, String> env = GoPeers.registryEnv("etcd", etcd.address());
        greeter = GoPeers.startGreeter(env);
        greeterApi = GoPeers.startPeer("greeter-api", env);
    }

    @AfterAll
    static void stopGoServices() {
        if (greeterApi != null) {
            greeterApi.close();
        }
        if (greeter != null) {
            greeter.close();
        }
    }

    /** The default gateway: {@code /rpc} on, the {@code meta} handler for every other path. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class DefaultGateway {

        Gateway gateway;

        @BeforeAll
        void start() {
            gateway = Gateway.start();
        }

        @AfterAll
        void stop() {
            gateway.close();
        }

        @Test
        void rpcFormCallsTheGoGreeter() {
            HttpResponse<String> response = Http.post(gateway.url("/rpc"), "application/x-www-form-urlencoded",
                    "service=go.micro.srv.greeter&method=Say.Hello&request=%7B%22name%22%3A+%22John%22%7D");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"msg\":\"Hello John\"}\n");
        }

        @Test
        void rpcJsonCallsTheGoGreeter() {
            HttpResponse<String> response = Http.post(gateway.url("/rpc"), JSON,
                    "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Hello\",\"request\":{\"name\":\"Ann\"}}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"msg\":\"Hello Ann\"}\n");
        }

        @Test
        void aGoErrorThroughRpcKeepsItsCode() {
            HttpResponse<String> response = Http.post(gateway.url("/rpc"), JSON,
                    "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Error\","
                            + "\"request\":{\"id\":\"go.micro.srv.greeter\",\"code\":409,\"detail\":\"taken\"}}");
            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.body()).isEqualTo(
                    "{\"id\":\"go.micro.srv.greeter\",\"code\":409,\"detail\":\"taken\",\"status\":\"Conflict\"}");
        }

        @Test
        void theGoApiServiceDeclaringHandlerApiIsServedByTheApiHandler() {
            HttpResponse<String> response = Http.get(gateway.url("/greeter/say/hello?name=John"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
            assertThat(response.headers().firstValue("X-Request-Method")).hasValue("GET");
            assertThat(response.body()).isEqualTo("{\"message\":\"Hello John\"}");
        }

        @Test
        void theGoApiServicesErrorKeepsItsCode() {
            HttpResponse<String> response = Http.get(gateway.url("/greeter/say/hello?name=bad"));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo(
                    "{\"id\":\"go.micro.api.greeter\",\"code\":400,\"detail\":\"bad name\",\"status\":\"Bad Request\"}");
        }
    }

    /** {@code --handler=api}: every resolved path goes to its endpoint as an {@code api.Request}. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithApiHandler {

        Gateway gateway;

        @BeforeAll
        void start() {
            gateway = Gateway.start("--handler=api");
        }

        @AfterAll
        void stop() {
            gateway.close();
        }

        @Test
        void theQueryReachesTheGoApiService() {
            HttpResponse<String> response = Http.get(gateway.url("/greeter/say/hello?name=Ann&name=Lee"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
            assertThat(response.body()).isEqualTo("{\"message\":\"Hello Ann Lee\"}");
        }

        @Test
        void aFormPostReachesTheGoApiService() {
            HttpResponse<String> response = Http.post(gateway.url("/greeter/say/hello"),
                    "application/x-www-form-urlencoded", "name=Jo");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Request-Method")).hasValue("POST");
            assertThat(response.body()).isEqualTo("{\"message\":\"Hello Jo\"}");
        }

        @Test
        void aJsonBodyReachesTheGoApiService() {
            HttpResponse<String> response = Http.post(gateway.url("/greeter/say/hello"), JSON, "{\"name\":\"Kim\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"message\":\"Hello Kim\"}");
        }

        @Test
        void theGoApiServicesErrorKeepsItsCode() {
            HttpResponse<String> response = Http.get(gateway.url("/greeter/say/hello"));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"id\":\"go.micro.api.greeter\",\"code\":400,"
                    + "\"detail\":\"name is missing: call /greeter/say/hello?name=John\",\"status\":\"Bad Request\"}");
        }
    }

    /** {@code --handler=rpc} in namespace {@code go.micro.srv}: bodies and queries go to the Go greeter. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithRpcHandler {

        Gateway gateway;

        @BeforeAll
        void start() {
            gateway = Gateway.start("--handler=rpc", "--namespace=go.micro.srv");
        }

        @AfterAll
        void stop() {
            gateway.close();
        }

        @Test
        void aJsonBodyReachesTheGoGreeter() {
            HttpResponse<String> response = Http.post(gateway.url("/greeter/say/hello"), JSON, "{\"name\":\"John\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith(JSON));
            assertThat(response.body()).isEqualTo("{\"msg\":\"Hello John\"}\n");
        }

        @Test
        void theQueryBecomesTheRequest() {
            HttpResponse<String> response = Http.get(gateway.url("/greeter/say/hello?name=Ann"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"msg\":\"Hello Ann\"}\n");
        }

        /*
         * The Go greeter's messages go 200 ms apart: go-micro v5.30.0's server can send a queued
         * stream message with a later one's bytes when its writer falls behind (see interop's
         * StreamingIT), and these tests compare the messages exactly.
         */
        @Test
        void serverSentEventsCarryTheGoStream() {
            HttpResponse<String> response = Http.get(gateway.url("/greeter/say/stream?name=John&count=3"
                    + "&interval_millis=200"), "Accept", "text/event-stream");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("data: {\"msg\":\"Hello John 1\"}\n\n"
                    + "data: {\"msg\":\"Hello John 2\"}\n\ndata: {\"msg\":\"Hello John 3\"}\n\n");
        }

        @Test
        void aWebsocketStreamsFromTheGoGreeterAndGetsItsError() {
            assertThat(websocket(gateway.url("/greeter/say/stream"), "{\"name\":\"Ann\",\"count\":2,"
                    + "\"interval_millis\":200}")).containsExactly("{\"msg\":\"Hello Ann 1\"}", "{\"msg\":\"Hello Ann 2\"}");
            List<String> failed = websocket(gateway.url("/greeter/say/stream"), "{\"name\":\"bad\",\"count\":3}");
            assertThat(failed).hasSize(2);
            assertThat(failed.get(0)).isEqualTo("{\"msg\":\"Hello bad 1\"}");
            assertThat(failed.get(1)).isEqualTo("{\"id\":\"x\",\"code\":400,\"detail\":\"bad name\",\"status\":\"Bad Request\"}");
        }

        @Test
        void aGoErrorKeepsItsCode() {
            HttpResponse<String> response = Http.post(gateway.url("/greeter/say/hello"), JSON, "{\"name\":\"bad\"}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body())
                    .isEqualTo("{\"id\":\"x\",\"code\":400,\"detail\":\"bad name\",\"status\":\"Bad Request\"}");
        }
    }

    /** Opens a websocket to {@code url}, sends {@code message}, and returns the text frames received until it closes. */
    private static List<String> websocket(String url, String message) {
        return HttpClient.create().websocket()
                .uri(url.replace("http://", "ws://"))
                .handle((in, out) -> out.sendString(Mono.just(message)).then().thenMany(in.receive().asString()))
                .collectList().block(Duration.ofSeconds(30));
    }

    /** The gateway jar run by the {@code micro} launcher in front of the test's etcd. */
    private static final class Gateway implements AutoCloseable {

        private final ExternalProcess process;
        private final int port;

        private Gateway(ExternalProcess process, int port) {
            this.process = process;
            this.port = port;
        }

        static Gateway start(String... apiFlags) {
            int port = FreePorts.find();
            List<String> args = new ArrayList<>(List.of("--registry=etcd", "--registry_address=" + etcd.address(),
                    "api", "--address=127.0.0.1:" + port));
            args.addAll(List.of(apiFlags));
            ExternalProcess process = ExternalProcess.builder("micro", Path.of("micro").toAbsolutePath())
                    .args(args)
                    .stopTimeout(Duration.ofSeconds(30))
                    .start();
            try {
                process.awaitLine(Pattern.compile("Netty started on port " + port), Duration.ofSeconds(90));
            } catch (RuntimeException e) {
                process.kill();
                throw e;
            }
            return new Gateway(process, port);
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        @Override
        public void close() {
            process.stop();
        }
    }
}
