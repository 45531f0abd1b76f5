package io.microspring.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;

import io.microspring.annotation.MicroClient;
import io.microspring.annotation.MicroHandler;
import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.RetryPolicy;
import io.microspring.client.RpcClient;
import io.microspring.client.TypedClients;
import io.microspring.codec.Codecs;
import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;
import io.microspring.test.proto.HelloRequest;
import io.microspring.test.proto.HelloResponse;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/** Streams of every shape between our client and our server over the HTTP transport. */
class StreamRoundTripTest {

    /** The handler's side of the streams, with what the tests observe of it. */
    public static class Say {
        final AtomicLong emitted = new AtomicLong();
        final AtomicReference<SignalType> ended = new AtomicReference<>();

        @MicroHandler
        public Flux<HelloResponse> stream(HelloRequest request) {
            return Flux.range(1, request.getTimes())
                    .map(i -> HelloResponse.newBuilder().setMsg("Hello " + request.getName() + " " + i).build());
        }

        @MicroHandler
        public Mono<HelloResponse> join(Flux<HelloRequest> requests) {
            return requests.map(HelloRequest::getName).collectList()
                    .map(names -> HelloResponse.newBuilder().setMsg(String.join(",", names)).build());
        }

        @MicroHandler
        public Flux<HelloResponse> chat(Flux<HelloRequest> requests) {
            return requests.map(request -> HelloResponse.newBuilder().setMsg("Hi " + request.getName()).build());
        }

        @MicroHandler
        public Flux<HelloResponse> context(HelloRequest request, CallContext context) {
            return Flux.just(HelloResponse.newBuilder().setMsg(context.metadata().get("Trace-Id").orElse("")).build(),
                    HelloResponse.newBuilder().setMsg(context.deadline().isPresent() ? "deadline" : "none").build());
        }

        @MicroHandler
        public Flux<HelloResponse> failing(HelloRequest request) {
            return Flux.range(1, 2).map(i -> HelloResponse.newBuilder().setMsg("m" + i).build())
                    .concatWith(Mono.error(new MicroException("say", 409, "taken")));
        }

        /** A million 1 KB messages, counted as they are produced. */
        @MicroHandler
        public Flux<HelloResponse> flood(HelloRequest request) {
            String kilobyte = "x".repeat(1024);
            return Flux.range(1, 1_000_000)
                    .map(i -> HelloResponse.newBuilder().setMsg(kilobyte).build())
                    .doOnNext(message -> emitted.incrementAndGet())
                    .doFinally(ended::set);
        }

        /** Reads one message, then asks for no more. */
        @MicroHandler
        public Flux<HelloResponse> stall(Flux<HelloRequest> requests) {
            return requests.concatMap(request -> Mono.<HelloResponse>never(), 1).doFinally(ended::set);
        }

        @MicroHandler
        public HelloResponse hello(HelloRequest request) {
            return HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build();
        }
    }

    /** A typed client of the three stream shapes. */
    @MicroClient(value = "greeter", handler = "Say")
    interface SayClient {
        Flux<HelloResponse> stream(HelloRequest request);

        Mono<HelloResponse> join(Flux<HelloRequest> requests, CallOptions options);

        Flux<HelloResponse> chat(Publisher<HelloRequest> requests);
    }

    MemoryRegistry registry = new MemoryRegistry();
    HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
    Say say = new Say();
    RpcServer server;
    RpcClient client;

    @BeforeEach
    void start() {
        server = new RpcServer(new ServerSettings("greeter", null, "127.0.0.1:0", null, Map.of(),
                ServerSettings.DEFAULT_REGISTER_TTL, ServerSettings.DEFAULT_REGISTER_INTERVAL, Duration.ofMillis(500),
                true, 4), transport, registry, Codecs.standard(), List.of(), "http");
        server.handle(Handler.of(say));
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
    void serverStreamsWithJsonAndProtobuf() {
        for (String contentType : new String[] {"application/json", "application/protobuf"}) {
            List<String> messages = client.stream("greeter", "Say.Stream",
                    Mono.just(HelloRequest.newBuilder().setName("John").setTimes(3).build()), HelloResponse.class,
                    CallOptions.builder().contentType(contentType).build())
                    .map(HelloResponse::getMsg).collectList().block(Duration.ofSeconds(10));
            assertThat(messages).as(contentType).containsExactly("Hello John 1", "Hello John 2", "Hello John 3");
        }
    }

    @Test
    void clientStreamGetsOneAnswerAfterItsLastRequest() {
        HelloResponse joined = client.stream("greeter", "Say.Join", Flux.just("a", "b", "c")
                .map(name -> HelloRequest.newBuilder().setName(name).build()), HelloResponse.class, CallOptions.none())
                .single().block(Duration.ofSeconds(10));
        assertThat(joined.getMsg()).isEqualTo("a,b,c");
    }

    @Test
    void typedClientsStreamInEveryShape() {
        SayClient say = TypedClients.create(SayClient.class, client);
        assertThat(say.stream(HelloRequest.newBuilder().setName("Ann").setTimes(2).build())
                .map(HelloResponse::getMsg).collectList().block(Duration.ofSeconds(10)))
                .containsExactly("Hello Ann 1", "Hello Ann 2");
        assertThat(say.join(Flux.just(HelloRequest.newBuilder().setName("x").build(),
                HelloRequest.newBuilder().setName("y").build()), CallOptions.builder()
                        .contentType("application/protobuf").build()).block(Duration.ofSeconds(10)).getMsg())
                .isEqualTo("x,y");
        assertThat(say.chat(Flux.just(HelloRequest.newBuilder().setName("z").build()))
                .map(HelloResponse::getMsg).collectList().block(Duration.ofSeconds(10))).containsExactly("Hi z");
    }

    @Test
    void aHundredThousandMessagesBothWaysArriveCompleteAndInOrder() {
        int count = 100_000;
        List<String> received = client.stream("greeter", "Say.Chat", Flux.range(0, count)
                .map(i -> HelloRequest.newBuilder().setName(Integer.toString(i)).build()), HelloResponse.class,
                CallOptions.builder().contentType("application/protobuf").build())
                .map(HelloResponse::getMsg).collectList().block(Duration.ofMinutes(2));
        assertThat(received).hasSize(count);
        assertThat(received).containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i -> "Hi " + i).toList());
    }

    @Test
    void streamingEndpointsAreRegisteredWithStreamMetadataAndTheirMessageTypes() {
        Map<String, Endpoint> endpoints = new HashMap<>();
        server.service().endpoints().forEach(endpoint -> endpoints.put(endpoint.name(), endpoint));
        assertThat(endpoints.get("Say.Stream").metadata()).containsEntry("stream", "true");
        assertThat(endpoints.get("Say.Chat").metadata()).containsEntry("stream", "true");
        assertThat(endpoints.get("Say.Join").metadata()).containsEntry("stream", "true");
        assertThat(endpoints.get("Say.Hello").metadata()).doesNotContainKey("stream");
        assertThat(endpoints.get("Say.Chat").request().type()).isEqualTo("HelloRequest");
        assertThat(endpoints.get("Say.Chat").response().type()).isEqualTo("HelloResponse");
    }

    @Test
    void metadataAndDeadlineReachTheHandler() {
        List<String> messages = client.stream("greeter", "Say.Context", Mono.just(HelloRequest.getDefaultInstance()),
                HelloResponse.class, CallOptions.builder().metadata(Metadata.of("Trace-Id", "abc"))
                        .requestTimeout(Duration.ofSeconds(30)).build())
                .map(HelloResponse::getMsg).collectList().block(Duration.ofSeconds(10));
        assertThat(messages).containsExactly("abc", "deadline");
        List<String> withoutTimeout = client.stream("greeter", "Say.Context",
                Mono.just(HelloRequest.getDefaultInstance()), HelloResponse.class, CallOptions.none())
                .map(HelloResponse::getMsg).collectList().block(Duration.ofSeconds(10));
        assertThat(withoutTimeout).containsExactly("", "none");
    }

    @Test
    void aHandlerErrorEndsTheStreamAfterTheMessagesSentBefore() {
        List<String> received = new ArrayList<>();
        assertThatThrownBy(() -> client.stream("greeter", "Say.Failing", Mono.just(HelloRequest.getDefaultInstance()),
                HelloResponse.class, CallOptions.none()).doOnNext(m -> received.add(m.getMsg())).blockLast(
                        Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.id()).isEqualTo("say");
                    assertThat(e.detail()).isEqualTo("taken");
                });
        assertThat(received).containsExactly("m1", "m2");
    }

    @Test
    void streamsAndCallsAreNotMixedUp() {
        assertThatThrownBy(() -> client.callBlocking("greeter", "Say.Stream", HelloRequest.getDefaultInstance(),
                HelloResponse.class)).isInstanceOfSatisfying(MicroException.class,
                        e -> assertThat(e.detail()).contains("Say.Stream is a streaming endpoint"));
        assertThatThrownBy(() -> client.stream("greeter", "Say.Hello", Mono.just(HelloRequest.getDefaultInstance()),
                HelloResponse.class, CallOptions.none()).blockLast(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.detail()).contains("Say.Hello is not a streaming endpoint");
                });
    }

    @Test
    void aReaderThatStopsStopsTheWriterAndCancellingEndsTheHandler() {
        Pausing<HelloResponse> reader = new Pausing<>(10);
        client.stream("greeter", "Say.Flood", Mono.just(HelloRequest.getDefaultInstance()), HelloResponse.class,
                CallOptions.none()).subscribe(reader);
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.received.get() == 10);
        long stalled = awaitStable(say.emitted);
        assertThat(stalled).as("messages produced for a reader that took 10").isLessThan(100_000);
        reader.dispose();
        await().atMost(Duration.ofSeconds(10)).until(() -> say.ended.get() == SignalType.CANCEL);
    }

    @Test
    void aHandlerThatStopsReadingStopsTheSender() {
        AtomicLong sent = new AtomicLong();
        Flux<HelloRequest> requests = Flux.range(0, 1_000_000)
                .map(i -> HelloRequest.newBuilder().setName("x".repeat(1024)).build())
                .doOnNext(request -> sent.incrementAndGet());
        BaseSubscriber<HelloResponse> reader = client.stream("greeter", "Say.Stall", requests, HelloResponse.class,
                CallOptions.none()).subscribeWith(new Pausing<>(1));
        long stalled = awaitStable(sent);
        assertThat(stalled).as("requests sent to a handler that read 10").isLessThan(100_000);
        reader.dispose();
        await().atMost(Duration.ofSeconds(10)).until(() -> say.ended.get() == SignalType.CANCEL);
    }

    @Test
    void aStoppingServerEndsOpenStreamsWithAnErrorAfterItsDrainTimeout() {
        Pausing<HelloResponse> reader = new Pausing<>(1);
        client.stream("greeter", "Say.Stall", Flux.<HelloRequest>never(), HelloResponse.class, CallOptions.none())
                .subscribe(reader);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.service().nodes().size() == 1);
        server.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.failure.get() != null);
        assertThat(reader.failure.get()).isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code())
                .isEqualTo(503));
        assertThat(say.ended.get()).isEqualTo(SignalType.CANCEL);
    }

    @Test
    void aStreamPastItsDeadlineEndsWithATimeout() {
        assertThatThrownBy(() -> client.stream("greeter", "Say.Stall", Flux.just(HelloRequest.getDefaultInstance()),
                HelloResponse.class, CallOptions.builder().requestTimeout(Duration.ofMillis(300)).build())
                .blockLast(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(408));
        await().atMost(Duration.ofSeconds(10)).until(() -> say.ended.get() == SignalType.CANCEL);
    }

    @Test
    void openingAStreamIsRetriedOnAnotherNodeAndAServiceWithoutReachableNodesIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Node dead = new Node("greeter-dead", "127.0.0.1:" + closedPort, Map.of("protocol", "mucp"));
        registry.register(new Service("offline", "latest", Map.of(), List.of(), List.of(dead)), Duration.ofMinutes(1));
        assertThatThrownBy(() -> client.stream("offline", "Say.Stream", Mono.just(HelloRequest.getDefaultInstance()),
                HelloResponse.class, CallOptions.none()).blockLast(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(503);
                    assertThat(e.detail()).contains("service offline").doesNotContain(":" + closedPort);
                });
        registry.register(new Service("greeter", "latest", Map.of(), List.of(), List.of(dead)), Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            assertThat(client.stream("greeter", "Say.Stream", Mono.just(HelloRequest.newBuilder().setName("R")
                    .setTimes(1).build()), HelloResponse.class, CallOptions.builder().retries(3).build())
                    .map(HelloResponse::getMsg).collectList().block(Duration.ofSeconds(10)))
                    .containsExactly("Hello R 1");
        }
    }

    /** Waits until {@code counter} stops moving, and returns where it stopped. */
    private static long awaitStable(AtomicLong counter) {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> last.getAndSet(counter.get()) == counter.get());
        return counter.get();
    }

    /** Takes a given number of messages, then asks for no more. */
    static class Pausing<T> extends BaseSubscriber<T> {
        final AtomicLong received = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final int wanted;

        Pausing(int wanted) {
            this.wanted = wanted;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(wanted);
        }

        @Override
        protected void hookOnNext(T value) {
            received.incrementAndGet();
        }

        @Override
        protected void hookOnError(Throwable error) {
            failure.set(error);
        }
    }
}
