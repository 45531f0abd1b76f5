package io.microspring.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.observation.tck.TestObservationRegistry;
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
import io.microspring.server.Handler;
import io.microspring.server.RpcServer;
import io.microspring.server.ServerSettings;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Observations of streams between a real server and client over HTTP, recorded in a
 * {@link TestObservationRegistry}: one per stream on each side, open to close, with the tags users
 * see and the messages each side sent and received, for a stream that ends, one that fails, one
 * the client cancels and one that runs out of time.
 */
class StreamObservationTest {

    /** Streams that answer each request, fail after two messages, never end, or never answer. */
    public static class Say {

        @MicroHandler
        public Flux<String> chat(Flux<String> names) {
            return names.map(name -> "Hi " + name);
        }

        @MicroHandler
        public Flux<String> failing(String name) {
            return Flux.just("m1", "m2").concatWith(Mono.error(new MicroException("greeter", 409, "taken")));
        }

        @MicroHandler
        public Flux<String> endless(String name) {
            return Flux.generate(() -> 0, (count, sink) -> {
                sink.next(name + " " + count);
                return count + 1;
            });
        }

        @MicroHandler
        public Flux<String> silent(String name) {
            return Flux.never();
        }
    }

    TestObservationRegistry observations = TestObservationRegistry.create();
    MemoryRegistry registry = new MemoryRegistry();
    HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
    RpcServer server;
    RpcClient client;

    @BeforeEach
    void start() {
        server = new RpcServer(ServerSettings.builder("greeter").address("127.0.0.1:0")
                .drainTimeout(Duration.ofMillis(300)).build(), transport, registry,
                Codecs.standard(), List.of(new ObservingHandlerWrapper(observations, new ServerCallConvention(10),
                        new ServerStreamConvention(10))), "http");
        server.handle(Handler.of(new Say()));
        server.start();
        CachingRegistry cache = new CachingRegistry(registry, Duration.ofMinutes(1));
        client = new RpcClient(new RegistrySelector(cache, Strategy.random(), Duration.ofSeconds(5)), transport,
                Codecs.standard(), CallOptions.builder().requestTimeout(Duration.ofSeconds(5))
                        .connectionTimeout(Duration.ofSeconds(1)).retries(1).backoff(Backoff.none())
                        .retryPolicy(RetryPolicy.unprocessedOnly()).contentType("application/json").build(),
                List.of(), List.of(new ObservingAttemptWrapper(observations, new ClientCallConvention(10),
                        new ClientStreamConvention(10))), null);
    }

    @AfterEach
    void stop() {
        server.stop();
        transport.close();
    }

    @Test
    void whenAStreamEndsThenEachSideRecordsItOnceWithTheMessagesBothWays() {
        List<String> answers = client.stream("greeter", "Say.Chat", Flux.just("a", "b", "c"), String.class,
                CallOptions.none()).collectList().block(Duration.ofSeconds(10));
        assertThat(answers).containsExactly("Hi a", "Hi b", "Hi c");

        await().untilAsserted(() -> {
            assertThat(observations).hasNumberOfObservationsWithNameEqualTo(ServerStreamConvention.NAME, 1)
                    .hasObservationWithNameEqualTo(ServerStreamConvention.NAME).that()
                    .hasBeenStarted().hasBeenStopped().doesNotHaveError()
                    .hasContextualNameEqualTo("greeter.Say.Chat")
                    .hasLowCardinalityKeyValue("service", "greeter").hasLowCardinalityKeyValue("endpoint", "Say.Chat")
                    .hasLowCardinalityKeyValue("code", "none").hasLowCardinalityKeyValue("outcome", "SUCCESS")
                    .hasHighCardinalityKeyValue("messages.received", "3")
                    .hasHighCardinalityKeyValue("messages.sent", "3");
            assertThat(observations).hasNumberOfObservationsWithNameEqualTo(ClientStreamConvention.NAME, 1)
                    .hasObservationWithNameEqualTo(ClientStreamConvention.NAME).that()
                    .hasBeenStarted().hasBeenStopped().doesNotHaveError()
                    .hasContextualNameEqualTo("greeter.Say.Chat")
                    .hasLowCardinalityKeyValue("service", "greeter").hasLowCardinalityKeyValue("endpoint", "Say.Chat")
                    .hasLowCardinalityKeyValue("code", "none").hasLowCardinalityKeyValue("outcome", "SUCCESS")
                    .hasHighCardinalityKeyValue("messages.sent", "3")
                    .hasHighCardinalityKeyValue("messages.received", "3");
        });
        assertThat(observations).hasNumberOfObservationsWithNameEqualTo(ServerCallConvention.NAME, 0)
                .hasNumberOfObservationsWithNameEqualTo(ClientCallConvention.NAME, 0);
    }

    @Test
    void whenAHandlerFailsMidStreamThenBothSidesRecordItsCodeAndTheMessagesBefore() {
        assertThatThrownBy(() -> client.stream("greeter", "Say.Failing", Mono.just("John"), String.class,
                CallOptions.none()).blockLast(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(409));

        await().untilAsserted(() -> {
            assertThat(observations).hasObservationWithNameEqualTo(ServerStreamConvention.NAME).that()
                    .hasBeenStopped().hasError()
                    .hasLowCardinalityKeyValue("code", "409").hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
                    .hasHighCardinalityKeyValue("messages.received", "1")
                    .hasHighCardinalityKeyValue("messages.sent", "2");
            assertThat(observations).hasObservationWithNameEqualTo(ClientStreamConvention.NAME).that()
                    .hasBeenStopped().hasError()
                    .hasLowCardinalityKeyValue("code", "409").hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
                    .hasHighCardinalityKeyValue("messages.sent", "1")
                    .hasHighCardinalityKeyValue("messages.received", "2");
        });
    }

    @Test
    void whenTheClientCancelsAStreamThenBothSidesRecordItCancelled() {
        List<String> taken = client.stream("greeter", "Say.Endless", Mono.just("tick"), String.class,
                CallOptions.none()).take(2).collectList().block(Duration.ofSeconds(10));
        assertThat(taken).containsExactly("tick 0", "tick 1");

        // the server learns of it when the client's connection closes
        await().untilAsserted(() -> {
            assertThat(observations).hasObservationWithNameEqualTo(ClientStreamConvention.NAME).that()
                    .hasBeenStopped().doesNotHaveError()
                    .hasLowCardinalityKeyValue("code", "none").hasLowCardinalityKeyValue("outcome", "CANCELLED")
                    .hasHighCardinalityKeyValue("messages.sent", "1")
                    .hasHighCardinalityKeyValue("messages.received", "2");
            assertThat(observations).hasObservationWithNameEqualTo(ServerStreamConvention.NAME).that()
                    .hasBeenStopped().doesNotHaveError()
                    .hasLowCardinalityKeyValue("code", "none").hasLowCardinalityKeyValue("outcome", "CANCELLED")
                    .hasHighCardinalityKeyValue("messages.received", "1");
        });
        assertThat(observations).hasHandledContextsThatSatisfy(contexts -> assertThat(contexts.stream()
                .filter(ServerStreamObservationContext.class::isInstance)
                .map(context -> ((ServerStreamObservationContext) context).sent()))
                .singleElement().satisfies(sent -> assertThat(sent).isGreaterThanOrEqualTo(2)));
    }

    @Test
    void whenAStreamOutlivesItsTimeoutThenTheClientRecordsATimeout() {
        CallOptions quick = CallOptions.builder().requestTimeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> client.stream("greeter", "Say.Silent", Mono.just("John"), String.class, quick)
                .blockLast(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(408));

        await().untilAsserted(() -> {
            assertThat(observations).hasObservationWithNameEqualTo(ClientStreamConvention.NAME).that()
                    .hasBeenStopped().hasError()
                    .hasLowCardinalityKeyValue("code", "408").hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
                    .hasHighCardinalityKeyValue("messages.received", "0");
            // the server's own timer and the client's closing race: either ends its observation
            assertThat(observations).hasObservationWithNameEqualTo(ServerStreamConvention.NAME).that()
                    .hasBeenStopped();
        });
    }

    @Test
    void whenTheServerStopsUnderAStreamThenBothSidesRecordTheServersError() {
        Flux<String> silent = client.stream("greeter", "Say.Silent", Mono.just("John"), String.class,
                CallOptions.none());
        Mono<Throwable> failure = silent.then(Mono.<Throwable>empty()).onErrorResume(Mono::just).cache();
        failure.subscribe();
        await().untilAsserted(() -> assertThat(observations)
                .hasObservationWithNameEqualTo(ServerStreamConvention.NAME).that().hasBeenStarted());

        server.stop();

        assertThat(failure.block(Duration.ofSeconds(10))).isInstanceOfSatisfying(MicroException.class,
                e -> assertThat(e.code()).isEqualTo(503));
        await().untilAsserted(() -> {
            assertThat(observations).hasObservationWithNameEqualTo(ServerStreamConvention.NAME).that()
                    .hasBeenStopped().hasError()
                    .hasLowCardinalityKeyValue("code", "503").hasLowCardinalityKeyValue("outcome", "SERVER_ERROR");
            assertThat(observations).hasObservationWithNameEqualTo(ClientStreamConvention.NAME).that()
                    .hasBeenStopped().hasError().hasLowCardinalityKeyValue("code", "503");
        });
    }
}
