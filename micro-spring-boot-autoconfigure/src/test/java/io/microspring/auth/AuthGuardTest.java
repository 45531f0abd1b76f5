package io.microspring.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.microspring.annotation.MicroHandler;
import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.client.RetryPolicy;
import io.microspring.client.RpcClient;
import io.microspring.codec.Codecs;
import io.microspring.errors.MicroException;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;
import io.microspring.server.Handler;
import io.microspring.server.RpcServer;
import io.microspring.server.ServerSettings;
import io.microspring.test.proto.HelloRequest;
import io.microspring.test.proto.HelloResponse;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A server guarded by {@link AuthGuard} and our client over the HTTP transport: calls and streams
 * are refused without a valid token, endpoint annotations declare access, and a handler's own calls
 * pass the caller's token on.
 */
class AuthGuardTest {

    /** Endpoints with every kind of access. */
    public static class Say {

        static MicroClient client;

        @MicroHandler
        public HelloResponse hello(HelloRequest request) {
            return HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build();
        }

        @MicroHandler(auth = "public")
        public HelloResponse open(HelloRequest request) {
            return HelloResponse.newBuilder().setMsg("Open " + request.getName()).build();
        }

        @MicroHandler(auth = "scope:admin")
        public Flux<HelloResponse> admin(HelloRequest request) {
            return Flux.just(HelloResponse.newBuilder().setMsg("Admin " + request.getName()).build());
        }

        /** Calls Say.Hello of the same service without giving a token: the caller's travels on. */
        @MicroHandler(auth = "public")
        public HelloResponse relay(HelloRequest request) {
            return client.callBlocking("greeter", "Say.Hello", request, HelloResponse.class);
        }
    }

    private static final TokenVerifier VERIFIER = token -> switch (token) {
        case "user" -> Mono.just(new Account("u", null, null, List.of(), Map.of()));
        case "admin" -> Mono.just(new Account("a", null, null, List.of("admin"), Map.of()));
        default -> Mono.error(new InvalidTokenException("unknown token"));
    };

    MemoryRegistry registry = new MemoryRegistry();
    HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
    RpcServer server;
    RpcClient client;

    @BeforeEach
    void start() {
        AuthGuard guard = new AuthGuard(new Authorizer(VERIFIER, AccessRules.parse(Map.of(), Access.AUTHENTICATED,
                "rules")));
        server = new RpcServer(ServerSettings.builder("greeter").address("127.0.0.1:0").build(), transport, registry,
                Codecs.standard(), List.of(guard), "http");
        server.handle(Handler.of(new Say()));
        server.start();
        client = new RpcClient(new RegistrySelector(registry, Strategy.random(), Duration.ofSeconds(5)), transport,
                Codecs.standard(), CallOptions.builder().requestTimeout(Duration.ofSeconds(10))
                        .connectionTimeout(Duration.ofSeconds(2)).retries(0).backoff(Backoff.none())
                        .retryPolicy(RetryPolicy.unprocessedOnly()).contentType("application/json").build(),
                List.of());
        Say.client = client;
    }

    @AfterEach
    void stop() {
        server.stop();
        transport.close();
    }

    @Test
    void callsNeedAValidTokenUnlessTheEndpointIsPublic() {
        assertCode(() -> call("Say.Hello", null), 401, "missing authorization token");
        assertCode(() -> call("Say.Hello", "stolen"), 401, "invalid token: unknown token");
        assertThat(call("Say.Hello", "user")).isEqualTo("Hello John");
        assertThat(call("Say.Open", null)).isEqualTo("Open John");
    }

    @Test
    void streamsAreGuardedToo() {
        assertCode(() -> stream("Say.Admin", null), 401, "missing authorization token");
        assertCode(() -> stream("Say.Admin", "user"), 403, "access denied to Say.Admin: it needs scope admin");
        assertThat(stream("Say.Admin", "admin")).containsExactly("Admin John");
    }

    @Test
    void aHandlersCallsPassTheCallersTokenOn() {
        assertThat(call("Say.Relay", "user")).isEqualTo("Hello John");
        assertCode(() -> call("Say.Relay", null), 401, "missing authorization token");
    }

    @Test
    void theEndpointsAccessIsRegisteredAsEndpointMetadata() {
        assertThat(server.service().endpoints()).filteredOn(endpoint -> endpoint.name().equals("Say.Admin"))
                .singleElement().satisfies(endpoint -> assertThat(endpoint.metadata()).containsEntry("auth",
                        "scope:admin"));
    }

    private String call(String endpoint, String token) {
        return client.callBlocking("greeter", endpoint, HelloRequest.newBuilder().setName("John").build(),
                HelloResponse.class, options(token)).getMsg();
    }

    private List<String> stream(String endpoint, String token) {
        return client.stream("greeter", endpoint, Mono.just(HelloRequest.newBuilder().setName("John").build()),
                HelloResponse.class, options(token)).map(HelloResponse::getMsg).collectList()
                .block(Duration.ofSeconds(10));
    }

    private static CallOptions options(String token) {
        return token == null ? CallOptions.none() : CallOptions.builder().metadata(BearerToken.metadata(token)).build();
    }

    private static void assertCode(Runnable call, int code, String detailStart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(MicroException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.id()).isEqualTo("greeter");
            assertThat(e.detail()).startsWith(detailStart);
        });
    }
}
