package io.microspring.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

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
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.memory.MemoryRegistry;
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
        server = new RpcServer(ServerSettings.defaults("greeter").withAddress("127.0.0.1:0"), transport, registry,
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
}
