package io.microspring.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.microspring.annotation.MicroHandler;
import io.microspring.codec.Codecs;
import io.microspring.errors.MicroException;
import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.RegistrySelector;
import io.microspring.server.Handler;
import io.microspring.server.RpcServer;
import io.microspring.server.ServerSettings;
import io.microspring.test.proto.HelloRequest;
import io.microspring.test.proto.HelloResponse;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;

/**
 * A node that reads each request and then drops the connection, chosen first, beside a healthy
 * one: the client tries an endpoint registered {@code idempotent=true} again on the healthy node,
 * and fails any other with a 500 that names the service but not the node.
 */
class IdempotentRetryTest {

    /** One idempotent endpoint, one not. */
    public static class Say {

        final AtomicInteger greetings = new AtomicInteger();

        @MicroHandler(idempotent = true)
        public HelloResponse hello(HelloRequest request) {
            return HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build();
        }

        @MicroHandler
        public HelloResponse greet(HelloRequest request) {
            return HelloResponse.newBuilder().setMsg("Greeting " + greetings.incrementAndGet()).build();
        }
    }

    MemoryRegistry registry = new MemoryRegistry();
    HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
    RpcServer server;
    ServerSocket dropper;
    AtomicInteger dropped = new AtomicInteger();
    RpcClient client;

    @BeforeEach
    void start() throws IOException {
        server = new RpcServer(ServerSettings.builder("greeter").address("127.0.0.1:0").build(), transport, registry,
                Codecs.standard(), List.of(), "http");
        server.handle(Handler.of(new Say()));
        server.start();
        dropper = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::dropEveryConnection, "dropper");
        acceptor.setDaemon(true);
        acceptor.start();
        Service healthy = server.service();
        String dropperAddress = "127.0.0.1:" + dropper.getLocalPort();
        // node id "0-..." sorts first, so the selector below picks it while it is not cooling down
        registry.register(healthy.withNodes(List.of(new Node("0-dropper", dropperAddress, healthy.nodes().get(0)
                .metadata()))), Duration.ofMinutes(1));
        client = new RpcClient(new RegistrySelector(registry, (service, nodes) -> nodes.stream()
                .min(Comparator.comparing(Node::id)).orElseThrow(), Duration.ofMinutes(1)), transport,
                Codecs.standard(), CallOptions.builder().requestTimeout(Duration.ofSeconds(10))
                        .connectionTimeout(Duration.ofSeconds(2)).retries(2).backoff(Backoff.none())
                        .retryPolicy(RetryPolicy.unprocessedOnly()).contentType("application/json").build(),
                List.of());
    }

    @AfterEach
    void stop() throws IOException {
        dropper.close();
        server.stop();
        transport.close();
    }

    @Test
    void anIdempotentEndpointIsTriedAgainOnAnotherNodeAfterTheConnectionBroke() {
        HelloResponse response = client.callBlocking("greeter", "Say.Hello",
                HelloRequest.newBuilder().setName("John").build(), HelloResponse.class);
        assertThat(response.getMsg()).isEqualTo("Hello John");
        assertThat(dropped).as("requests the dropping node read").hasValue(1);
    }

    @Test
    void anyOtherEndpointFailsWithA500NamingTheServiceButNotTheNode() {
        assertThatThrownBy(() -> client.callBlocking("greeter", "Say.Greet",
                HelloRequest.newBuilder().setName("John").build(), HelloResponse.class))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(500);
                    assertThat(e.detail()).startsWith("greeter Say.Greet: the exchange with a node failed")
                            .doesNotContain(Integer.toString(dropper.getLocalPort()));
                });
        assertThat(dropped).hasValue(1);
    }

    @Test
    void theIdempotentFlagIsRegisteredAsEndpointMetadata() {
        assertThat(server.service().endpoints()).filteredOn(endpoint -> endpoint.name().equals("Say.Hello"))
                .singleElement().satisfies(endpoint -> assertThat(endpoint.metadata())
                        .containsEntry("idempotent", "true"));
        assertThat(server.service().endpoints()).filteredOn(endpoint -> endpoint.name().equals("Say.Greet"))
                .singleElement().satisfies(endpoint -> assertThat(endpoint.metadata()).doesNotContainKey("idempotent"));
    }

    /** Reads each request's head, then closes the connection without answering. */
    private void dropEveryConnection() {
        while (!dropper.isClosed()) {
            try (Socket connection = dropper.accept()) {
                InputStream in = connection.getInputStream();
                int matched = 0;
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
                }
                dropped.incrementAndGet();
            } catch (IOException e) {
                // closed at the end of the test
            }
        }
    }
}
