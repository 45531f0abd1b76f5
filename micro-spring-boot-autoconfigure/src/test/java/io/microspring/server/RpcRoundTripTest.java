package io.microspring.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.microspring.annotation.MicroHandler;
import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.RetryPolicy;
import io.microspring.client.RpcClient;
import io.microspring.codec.Codecs;
import io.microspring.errors.MicroException;
import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.NodeFilter;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;
import io.microspring.test.proto.HelloRequest;
import io.microspring.test.proto.HelloResponse;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;

class RpcRoundTripTest {

    public static class Say {
        @MicroHandler
        public HelloResponse hello(HelloRequest request) {
            if (request.getName().equals("bad")) {
                throw MicroException.badRequest("x", "bad name");
            }
            return HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build();
        }
    }

    MemoryRegistry registry = new MemoryRegistry();
    HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
    RpcServer server;
    RpcClient client;

    @BeforeEach
    void start() {
        server = new RpcServer(ServerSettings.builder("greeter").address("127.0.0.1:0").build(), transport, registry,
                Codecs.standard(), List.of(), "http");
        server.handle(Handler.of(new Say()));
        server.start();
        CachingRegistry cache = new CachingRegistry(registry, Duration.ofMinutes(1));
        client = new RpcClient(new RegistrySelector(cache, Strategy.random(), Duration.ofSeconds(5)), transport,
                Codecs.standard(), CallOptions.builder().requestTimeout(Duration.ofSeconds(5))
                        .connectionTimeout(Duration.ofSeconds(1)).retries(1).backoff(Backoff.none())
                        .retryPolicy(RetryPolicy.unprocessedOnly()).contentType("application/json").build(),
                List.of());
    }

    @AfterEach
    void stop() {
        server.stop();
        transport.close();
    }

    @Test
    void callsWithJsonAndProtobuf() {
        HelloRequest request = HelloRequest.newBuilder().setName("John").build();
        assertThat(client.callBlocking("greeter", "Say.Hello", request, HelloResponse.class).getMsg())
                .isEqualTo("Hello John");
        assertThat(client.callBlocking("greeter", "Say.Hello", request, HelloResponse.class,
                CallOptions.builder().contentType("application/protobuf").build()).getMsg()).isEqualTo("Hello John");
    }

    @Test
    void handlerErrorsArriveWithTheirFields() {
        HelloRequest request = HelloRequest.newBuilder().setName("bad").build();
        assertThatThrownBy(() -> client.callBlocking("greeter", "Say.Hello", request, HelloResponse.class))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.id()).isEqualTo("x");
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.detail()).isEqualTo("bad name");
                    assertThat(e.status()).isEqualTo("Bad Request");
                });
    }

    @Test
    void aServiceWhoseNodesRefuseConnectionsIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        registry.register(new Service("offline", "latest", Map.of(), List.of(),
                List.of(new Node("offline-1", "127.0.0.1:" + closedPort, Map.of()))), Duration.ofMinutes(1));
        HelloRequest request = HelloRequest.newBuilder().setName("John").build();
        for (int call = 0; call < 2; call++) { // the second finds the node cooling down in the selector
            assertThatThrownBy(() -> client.callBlocking("offline", "Say.Hello", request, HelloResponse.class))
                    .isInstanceOfSatisfying(MicroException.class, e -> {
                        assertThat(e.id()).isEqualTo("go.micro.client");
                        assertThat(e.code()).isEqualTo(503);
                        assertThat(e.status()).isEqualTo("Service Unavailable");
                        assertThat(e.detail()).contains("service offline").doesNotContain(":" + closedPort);
                    });
        }
        assertThat(client.callBlocking("greeter", "Say.Hello", request, HelloResponse.class).getMsg())
                .isEqualTo("Hello John");
    }

    @Test
    void aServiceWithNoNodeLeftByTheSelectorFiltersIsUnavailable() {
        HelloRequest request = HelloRequest.newBuilder().setName("John").build();
        assertThatThrownBy(() -> client.callBlocking("greeter", "Say.Hello", request, HelloResponse.class,
                CallOptions.builder().filter(NodeFilter.version("v9")).build()))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(503);
                    assertThat(e.detail()).contains("service greeter").contains("selector filters");
                });
    }
}
