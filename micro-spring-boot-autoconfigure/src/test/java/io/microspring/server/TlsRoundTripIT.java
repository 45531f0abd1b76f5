package io.microspring.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
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
import io.microspring.testing.TestCertificates;
import io.microspring.testing.TestCertificates.Pem;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;
import io.microspring.net.TlsSettings;
import io.microspring.net.TlsSettings.ClientAuth;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Calls and streams between our client and our server over the HTTP transport with TLS, with
 * certificates from the test CA: what is served, and what is refused (an untrusted server, a
 * certificate for another address, plain text, and callers without a trusted certificate when the
 * server requires one).
 */
class TlsRoundTripIT {

    /** The handler: a call, a server stream and a bidirectional stream. */
    public static class Say {
        @MicroHandler
        public HelloResponse hello(HelloRequest request) {
            return HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build();
        }

        @MicroHandler
        public Flux<HelloResponse> stream(HelloRequest request) {
            return Flux.range(1, request.getTimes())
                    .map(i -> HelloResponse.newBuilder().setMsg("Hello " + request.getName() + " " + i).build());
        }

        @MicroHandler
        public Flux<HelloResponse> chat(Flux<HelloRequest> requests) {
            return requests.map(request -> HelloResponse.newBuilder().setMsg("Hi " + request.getName()).build());
        }
    }

    static final TestCertificates CERTIFICATES = TestCertificates.shared();
    static final HelloRequest JOHN = HelloRequest.newBuilder().setName("John").build();

    final MemoryRegistry registry = new MemoryRegistry();
    final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void callsAndStreamsOfBothShapesTravelOverTls() {
        serve("127.0.0.1", tls(CERTIFICATES.server(), CERTIFICATES.ca(), ClientAuth.NONE));
        RpcClient client = client(tls(null, CERTIFICATES.ca(), ClientAuth.NONE));

        assertThat(client.callBlocking("greeter", "Say.Hello", JOHN, HelloResponse.class).getMsg())
                .isEqualTo("Hello John");
        assertThat(client.stream("greeter", "Say.Stream", Mono.just(JOHN.toBuilder().setTimes(3).build()),
                HelloResponse.class, CallOptions.none()).map(HelloResponse::getMsg).collectList()
                .block(Duration.ofSeconds(30))).containsExactly("Hello John 1", "Hello John 2", "Hello John 3");
        int count = 1000;
        assertThat(client.stream("greeter", "Say.Chat", Flux.range(0, count)
                        .map(i -> HelloRequest.newBuilder().setName(Integer.toString(i)).build()),
                HelloResponse.class, CallOptions.builder().contentType("application/protobuf").build())
                .map(HelloResponse::getMsg).collectList().block(Duration.ofSeconds(60)))
                .containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i -> "Hi " + i).toList());
    }

    @Test
    void aServerWhoseCertificateTheClientDoesNotTrustIsUnavailableAndTheErrorSaysTheHandshakeFailed() {
        serve("127.0.0.1", tls(CERTIFICATES.server(), CERTIFICATES.ca(), ClientAuth.NONE));
        RpcClient client = client(tls(null, CERTIFICATES.wrongCa(), ClientAuth.NONE));

        assertHandshakeRefused(() -> client.callBlocking("greeter", "Say.Hello", JOHN, HelloResponse.class),
                "unable to find valid certification path");
        assertHandshakeRefused(() -> client.stream("greeter", "Say.Stream",
                Mono.just(JOHN.toBuilder().setTimes(1).build()), HelloResponse.class, CallOptions.none())
                .blockLast(Duration.ofSeconds(30)), "unable to find valid certification path");
    }

    @Test
    void aServerWhoseCertificateDoesNotNameTheAddressDialledIsRefused() {
        // 127.0.0.2 is loopback too, but the certificate names only 127.0.0.1 and localhost
        serve("127.0.0.2", tls(CERTIFICATES.server(), CERTIFICATES.ca(), ClientAuth.NONE));
        RpcClient client = client(tls(null, CERTIFICATES.ca(), ClientAuth.NONE));

        assertHandshakeRefused(() -> client.callBlocking("greeter", "Say.Hello", JOHN, HelloResponse.class),
                "No subject alternative names matching IP address <node> found");
    }

    @Test
    void aTlsServerServesNoPlainText() {
        serve("127.0.0.1", tls(CERTIFICATES.server(), CERTIFICATES.ca(), ClientAuth.NONE));
        RpcClient plain = client(null);

        assertThatThrownBy(() -> plain.callBlocking("greeter", "Say.Hello", JOHN, HelloResponse.class))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isIn(500, 503));
    }

    @Test
    void withClientAuthNeedOnlyCallersWithACertificateOfTheTrustedCaAreServed() {
        serve("127.0.0.1", tls(CERTIFICATES.server(), CERTIFICATES.ca(), ClientAuth.NEED));

        RpcClient trusted = client(tls(CERTIFICATES.client(), CERTIFICATES.ca(), ClientAuth.NONE));
        assertThat(trusted.callBlocking("greeter", "Say.Hello", JOHN, HelloResponse.class).getMsg())
                .isEqualTo("Hello John");
        assertThat(trusted.stream("greeter", "Say.Stream", Mono.just(JOHN.toBuilder().setTimes(2).build()),
                HelloResponse.class, CallOptions.none()).count().block(Duration.ofSeconds(30))).isEqualTo(2);

        RpcClient anonymous = client(tls(null, CERTIFICATES.ca(), ClientAuth.NONE));
        assertHandshakeRefused(() -> anonymous.callBlocking("greeter", "Say.Hello", JOHN, HelloResponse.class),
                "bad_certificate");
        RpcClient untrusted = client(tls(CERTIFICATES.wrongClient(), CERTIFICATES.ca(), ClientAuth.NONE));
        assertHandshakeRefused(() -> untrusted.callBlocking("greeter", "Say.Hello", JOHN, HelloResponse.class),
                "bad_certificate");
        assertHandshakeRefused(() -> untrusted.stream("greeter", "Say.Stream",
                Mono.just(JOHN.toBuilder().setTimes(1).build()), HelloResponse.class, CallOptions.none())
                .blockLast(Duration.ofSeconds(30)), "bad_certificate");
    }

    @Test
    void withClientAuthWantCallersWithAndWithoutACertificateAreServed() {
        serve("127.0.0.1", tls(CERTIFICATES.server(), CERTIFICATES.ca(), ClientAuth.WANT));

        for (Pem own : new Pem[] {null, CERTIFICATES.client()}) {
            RpcClient caller = client(tls(own, CERTIFICATES.ca(), ClientAuth.NONE));
            assertThat(caller.callBlocking("greeter", "Say.Hello", JOHN, HelloResponse.class).getMsg())
                    .as("client certificate " + own).isEqualTo("Hello John");
        }
    }

    private static void assertHandshakeRefused(Runnable call, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(MicroException.class, e -> {
            assertThat(e.id()).isEqualTo("go.micro.client");
            assertThat(e.code()).isEqualTo(503);
            assertThat(e.detail()).startsWith("service greeter: the TLS handshake with its node failed: ")
                    .contains(reason);
        });
    }

    private static TlsSettings tls(Pem own, Path trusted, ClientAuth clientAuth) {
        return new TlsSettings(own == null ? null : TestCertificates.keyManagers(own),
                TestCertificates.trustManagers(trusted), clientAuth, List.of(), List.of());
    }

    private void serve(String host, TlsSettings tls) {
        HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults().withTls(tls));
        resources.add(transport);
        RpcServer server = new RpcServer(ServerSettings.builder("greeter").address(host + ":0").build(), transport,
                registry, Codecs.standard(), List.of(), "http");
        server.handle(Handler.of(new Say()));
        server.start();
        resources.add(server::stop);
    }

    private RpcClient client(TlsSettings tls) {
        HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults().withTls(tls));
        resources.add(transport);
        return new RpcClient(new RegistrySelector(new CachingRegistry(registry, Duration.ofMinutes(1)),
                Strategy.random(), Duration.ofSeconds(5)), transport, Codecs.standard(),
                CallOptions.builder().requestTimeout(Duration.ofSeconds(30)).connectionTimeout(Duration.ofSeconds(10))
                        .retries(0).backoff(Backoff.none()).retryPolicy(RetryPolicy.unprocessedOnly())
                        .contentType("application/json").build(), List.of());
    }
}
