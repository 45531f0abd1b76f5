package io.microspring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.microspring.annotation.MicroHandler;
import io.microspring.broker.BrokerMessage;
import io.microspring.broker.SubscribeOptions;
import io.microspring.broker.memory.MemoryBroker;
import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.client.RetryPolicy;
import io.microspring.client.RpcClient;
import io.microspring.codec.Codecs;
import io.microspring.metadata.Metadata;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;
import io.microspring.server.Handler;
import io.microspring.server.CallContext;
import io.microspring.server.RpcServer;
import io.microspring.server.ServerSettings;
import io.microspring.testing.InMemoryTracing;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One trace across services: W3C {@code traceparent} and {@code tracestate} travel in the Micro
 * metadata of calls, streams and messages, and each hop continues the trace of the one before,
 * through blocking and reactive handlers alike. Real servers over HTTP, spans from the OpenTelemetry SDK.
 */
class TracePropagationTest {

    /** The front service: a blocking handler calling the back service. */
    public static class Front {
        private final MicroClient client;

        Front(MicroClient client) {
            this.client = client;
        }

        @MicroHandler
        public String hello(String name) {
            return client.callBlocking("back", "Back.Hello", name, String.class);
        }
    }

    /**
     * The back service: a reactive handler answering with the traceparent it received, and a
     * stream answering with the trace headers its opening message carried.
     */
    public static class Back {
        @MicroHandler
        public Mono<String> hello(String name, Metadata metadata) {
            return Mono.just(metadata.get("traceparent").orElse("none"));
        }

        @MicroHandler
        public Flux<String> traced(Flux<String> names, CallContext context) {
            return names.map(name -> context.metadata().get("traceparent").orElse("none") + " "
                    + context.metadata().get("tracestate").orElse("none"));
        }
    }

    InMemoryTracing tracing = new InMemoryTracing();
    MemoryRegistry registry = new MemoryRegistry();
    HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
    RpcClient client;
    List<RpcServer> servers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        CachingRegistry cache = new CachingRegistry(registry, Duration.ofMinutes(1));
        client = new RpcClient(new RegistrySelector(cache, Strategy.random(), Duration.ofSeconds(5)), transport,
                Codecs.standard(), CallOptions.builder().requestTimeout(Duration.ofSeconds(5))
                        .connectionTimeout(Duration.ofSeconds(1)).retries(0).backoff(Backoff.none())
                        .retryPolicy(RetryPolicy.unprocessedOnly()).contentType("application/json").build(),
                List.of(), List.of(new ObservingAttemptWrapper(tracing.registry(), new ClientCallConvention(10),
                        new ClientStreamConvention(10))), null);
        serve("front", new Front(client));
        serve("back", new Back());
    }

    private void serve(String name, Object handler) {
        RpcServer server = new RpcServer(ServerSettings.builder(name).address("127.0.0.1:0").build(), transport,
                registry, Codecs.standard(),
                List.of(new ObservingHandlerWrapper(tracing.registry(), new ServerCallConvention(10),
                        new ServerStreamConvention(10))), "http");
        server.handle(Handler.of(handler));
        server.start();
        servers.add(server);
    }

    @AfterEach
    void stop() {
        servers.forEach(RpcServer::stop);
        transport.close();
        tracing.close();
    }

    @Test
    void whenAHandlerCallsOnThenEveryHopContinuesTheCallersTrace() {
        String traceparent = client.callBlocking("front", "Front.Hello", "John", String.class);

        await().untilAsserted(() -> assertThat(tracing.spans()).hasSize(4));
        Map<String, SpanData> spans = tracing.spans().stream()
                .collect(Collectors.toMap(span -> span.getKind() + " " + span.getName(), Function.identity()));
        SpanData frontClient = spans.get("CLIENT front.Front.Hello");
        SpanData frontServer = spans.get("SERVER front.Front.Hello");
        SpanData backClient = spans.get("CLIENT back.Back.Hello");
        SpanData backServer = spans.get("SERVER back.Back.Hello");
        assertThat(List.of(frontClient, frontServer, backClient, backServer)).extracting(SpanData::getTraceId)
                .containsOnly(frontClient.getTraceId());
        assertThat(frontServer.getParentSpanId()).isEqualTo(frontClient.getSpanId());
        assertThat(backClient.getParentSpanId()).isEqualTo(frontServer.getSpanId());
        assertThat(backServer.getParentSpanId()).isEqualTo(backClient.getSpanId());
        assertThat(traceparent).isEqualTo("00-" + backClient.getTraceId() + "-" + backClient.getSpanId() + "-01");
    }

    @Test
    void whenAMessageIsPublishedThenItsDeliveryContinuesThePublishersTrace() {
        ObservingBroker broker = new ObservingBroker(new MemoryBroker(), tracing.registry(), new PublishConvention(10),
                new DeliveryConvention(10));
        List<String> received = new CopyOnWriteArrayList<>();
        broker.subscribe("greetings", event -> Mono.fromRunnable(() -> received.add(
                event.message().headers().get("traceparent").orElse("none"))), SubscribeOptions.broadcast());

        broker.publish("greetings", new BrokerMessage(Metadata.empty(), "hi".getBytes())).block(Duration.ofSeconds(5));

        await().untilAsserted(() -> assertThat(tracing.spans()).hasSize(2));
        Map<SpanKind, SpanData> spans = tracing.spans().stream()
                .collect(Collectors.toMap(SpanData::getKind, Function.identity()));
        SpanData publish = spans.get(SpanKind.PRODUCER);
        SpanData delivery = spans.get(SpanKind.CONSUMER);
        assertThat(delivery.getTraceId()).isEqualTo(publish.getTraceId());
        assertThat(delivery.getParentSpanId()).isEqualTo(publish.getSpanId());
        assertThat(received).containsExactly("00-" + publish.getTraceId() + "-" + publish.getSpanId() + "-01");
    }

    @Test
    void whenAStreamIsOpenedThenItsMetadataCarriesTheTraceAndTheServerContinuesIt() {
        String upstreamTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        Observation upstream = Observation.start("upstream", () -> new ServerCallObservationContext("edge", "Edge.In",
                Metadata.of("traceparent", "00-" + upstreamTrace + "-00f067aa0ba902b7-01",
                        "tracestate", "micro=t61rcWkgMzE")), tracing.registry());

        List<String> received = client.stream("back", "Back.Traced", Flux.just("a", "b"), String.class,
                CallOptions.none()).contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, upstream))
                .collectList().block(Duration.ofSeconds(10));
        upstream.stop();

        await().untilAsserted(() -> assertThat(tracing.spans()).hasSize(3));
        Map<String, SpanData> spans = tracing.spans().stream()
                .collect(Collectors.toMap(span -> span.getKind() + " " + span.getName(), Function.identity()));
        SpanData streamClient = spans.get("CLIENT back.Back.Traced");
        SpanData streamServer = spans.get("SERVER back.Back.Traced");
        assertThat(streamClient.getTraceId()).isEqualTo(upstreamTrace);
        assertThat(streamServer.getTraceId()).isEqualTo(upstreamTrace);
        assertThat(streamServer.getParentSpanId()).isEqualTo(streamClient.getSpanId());
        assertThat(streamServer.getAttributes().asMap()).extractingFromEntries(entry -> entry.getKey().getKey()
                + "=" + entry.getValue()).contains("messages.received=2", "messages.sent=2");
        String sentTrace = "00-" + upstreamTrace + "-" + streamClient.getSpanId() + "-01 micro=t61rcWkgMzE";
        assertThat(received).containsExactly(sentTrace, sentTrace);
    }
}
