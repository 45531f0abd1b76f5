package io.microspring.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.microspring.annotation.MicroHandler;
import io.microspring.broker.BrokerEvent;
import io.microspring.broker.BrokerMessage;
import io.microspring.broker.SubscribeOptions;
import io.microspring.broker.memory.MemoryBroker;
import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.RetryPolicy;
import io.microspring.client.RpcClient;
import io.microspring.codec.Codecs;
import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;
import io.microspring.server.Handler;
import io.microspring.server.RpcServer;
import io.microspring.server.ServerSettings;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;
import reactor.core.publisher.Mono;

/**
 * Observations of a real server and client over HTTP, recorded in a {@link TestObservationRegistry}:
 * started and stopped, with the tags users see, for success, error, retry and timeout; and of a
 * publish and its delivery.
 */
class CallObservationTest {

    /** Answers, fails with a 404, fails once with a 500 then answers, or never answers in time. */
    public static class Say {

        final AtomicInteger flakyCalls = new AtomicInteger();

        @MicroHandler
        public String hello(String name) {
            return "Hello " + name;
        }

        @MicroHandler
        public String missing(String name) {
            throw MicroException.notFound("greeter", "no %s here", name);
        }

        @MicroHandler
        public String flaky(String name) {
            if (flakyCalls.getAndIncrement() == 0) {
                throw new IllegalStateException("first call fails");
            }
            return "Hello again " + name;
        }

        @MicroHandler
        public Mono<String> slow(String name) {
            return Mono.never();
        }
    }

    TestObservationRegistry observations = TestObservationRegistry.create();
    MemoryRegistry registry = new MemoryRegistry();
    HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
    RpcServer server;
    RpcClient client;

    @BeforeEach
    void start() {
        server = new RpcServer(ServerSettings.builder("greeter").address("127.0.0.1:0").build(), transport, registry,
                Codecs.standard(), List.of(new ObservingHandlerWrapper(observations, new ServerCallConvention(10),
                        new ServerStreamConvention(10))),
                "http");
        server.handle(Handler.of(new Say()));
        server.start();
        CachingRegistry cache = new CachingRegistry(registry, Duration.ofMinutes(1));
        client = new RpcClient(new RegistrySelector(cache, Strategy.random(), Duration.ofSeconds(5)), transport,
                Codecs.standard(), CallOptions.builder().requestTimeout(Duration.ofSeconds(5))
                        .connectionTimeout(Duration.ofSeconds(1)).retries(1).backoff(Backoff.none())
                        .retryPolicy(RetryPolicy.always()).contentType("application/json").build(),
                List.of(), List.of(new ObservingAttemptWrapper(observations, new ClientCallConvention(10),
                        new ClientStreamConvention(10))), null);
    }

    @AfterEach
    void stop() {
        server.stop();
        transport.close();
    }

    @Test
    void whenACallSucceedsThenServerAndClientRecordItWithoutCode() {
        assertThat(client.callBlocking("greeter", "Say.Hello", "John", String.class)).isEqualTo("Hello John");

        // an observation stops just after the answer has gone on its way
        await().untilAsserted(() -> {
            assertThat(observations).hasNumberOfObservationsWithNameEqualTo(ServerCallConvention.NAME, 1)
                    .hasObservationWithNameEqualTo(ServerCallConvention.NAME).that()
                    .hasBeenStarted().hasBeenStopped()
                    .hasContextualNameEqualTo("greeter.Say.Hello")
                    .hasLowCardinalityKeyValue("service", "greeter").hasLowCardinalityKeyValue("endpoint", "Say.Hello")
                    .hasLowCardinalityKeyValue("code", "none").hasLowCardinalityKeyValue("outcome", "SUCCESS");
            assertThat(observations).hasNumberOfObservationsWithNameEqualTo(ClientCallConvention.NAME, 1)
                    .hasObservationWithNameEqualTo(ClientCallConvention.NAME).that()
                    .hasBeenStarted().hasBeenStopped()
                    .hasLowCardinalityKeyValue("service", "greeter").hasLowCardinalityKeyValue("endpoint", "Say.Hello")
                    .hasLowCardinalityKeyValue("code", "none").hasLowCardinalityKeyValue("outcome", "SUCCESS")
                    .hasLowCardinalityKeyValue("retry", "0");
        });
    }

    @Test
    void whenAHandlerFailsThenBothSidesRecordItsCode() {
        assertThatThrownBy(() -> client.callBlocking("greeter", "Say.Missing", "John", String.class))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(404));

        // an observation stops just after the answer has gone on its way
        await().untilAsserted(() -> {
            assertThat(observations).hasObservationWithNameEqualTo(ServerCallConvention.NAME).that()
                    .hasBeenStopped().hasError()
                    .hasLowCardinalityKeyValue("code", "404").hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR");
            assertThat(observations).hasNumberOfObservationsWithNameEqualTo(ClientCallConvention.NAME, 2)
                    .forAllObservationsWithNameEqualTo(ClientCallConvention.NAME, observation -> observation
                            .hasLowCardinalityKeyValue("code", "404")
                            .hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR"));
        });
    }

    @Test
    void whenACallIsRetriedThenEachAttemptIsRecordedWithItsRetry() {
        assertThat(client.callBlocking("greeter", "Say.Flaky", "John", String.class)).isEqualTo("Hello again John");

        // an observation stops just after the answer has gone on its way
        await().untilAsserted(() -> {
            assertThat(observations).hasHandledContextsThatSatisfy(contexts -> assertThat(contexts.stream()
                    .filter(ClientCallObservationContext.class::isInstance)
                    .map(context -> context.getLowCardinalityKeyValue("retry").getValue() + " "
                            + context.getLowCardinalityKeyValue("code").getValue() + " "
                            + context.getLowCardinalityKeyValue("outcome").getValue()))
                    .containsExactlyInAnyOrder("0 409 CLIENT_ERROR", "1 none SUCCESS"));
            assertThat(observations).hasNumberOfObservationsWithNameEqualTo(ServerCallConvention.NAME, 2);
        });
    }

    @Test
    void whenACallRunsOutOfTimeThenBothSidesRecordATimeout() {
        CallOptions quick = CallOptions.builder().requestTimeout(Duration.ofMillis(300)).retries(0).build();
        assertThatThrownBy(() -> client.callBlocking("greeter", "Say.Slow", "John", String.class, quick))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(408));

        await().untilAsserted(() -> {
            assertThat(observations).hasObservationWithNameEqualTo(ClientCallConvention.NAME).that()
                    .hasBeenStopped().hasLowCardinalityKeyValue("code", "408")
                    .hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR").hasLowCardinalityKeyValue("retry", "0");
            assertThat(observations).hasObservationWithNameEqualTo(ServerCallConvention.NAME).that()
                    .hasBeenStopped().hasLowCardinalityKeyValue("code", "408");
        });
    }

    @Test
    void whenAMessageIsPublishedThenThePublishAndTheDeliveryAreRecorded() {
        ObservingBroker broker = new ObservingBroker(new MemoryBroker(), observations, new PublishConvention(10),
                new DeliveryConvention(10));
        List<String> received = new CopyOnWriteArrayList<>();
        broker.subscribe("greetings", (BrokerEvent event) -> Mono.fromRunnable(
                () -> received.add(new String(event.message().body()))), SubscribeOptions.queue("workers"));

        broker.publish("greetings", new BrokerMessage(Metadata.of("Micro-Topic", "greetings"), "hi".getBytes()))
                .block(Duration.ofSeconds(5));

        await().untilAsserted(() -> assertThat(received).containsExactly("hi"));
        await().untilAsserted(() -> {
            assertThat(observations).hasObservationWithNameEqualTo(PublishConvention.NAME).that()
                    .hasBeenStopped().hasLowCardinalityKeyValue("topic", "greetings")
                    .hasLowCardinalityKeyValue("outcome", "SUCCESS");
            assertThat(observations).hasObservationWithNameEqualTo(DeliveryConvention.NAME).that()
                    .hasBeenStopped().hasLowCardinalityKeyValue("topic", "greetings")
                    .hasLowCardinalityKeyValue("queue", "workers").hasLowCardinalityKeyValue("outcome", "SUCCESS");
        });
    }
}
