package io.microspring.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.microspring.annotation.MicroHandler;
import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.RetryPolicy;
import io.microspring.client.RpcClient;
import io.microspring.codec.Codecs;
import io.microspring.interop.proto.HelloRequest;
import io.microspring.interop.proto.HelloResponse;
import io.microspring.observation.ClientCallConvention;
import io.microspring.observation.ClientStreamConvention;
import io.microspring.observation.ObservingAttemptWrapper;
import io.microspring.observation.ObservingHandlerWrapper;
import io.microspring.observation.ServerCallConvention;
import io.microspring.observation.ServerStreamConvention;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;
import io.microspring.server.Handler;
import io.microspring.server.RpcServer;
import io.microspring.server.ServerSettings;
import io.microspring.testing.GoPeers;
import io.microspring.testing.InMemoryTracing;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * One trace across languages: a Java client calls a go-micro service traced with go-micro's
 * OpenTelemetry wrappers (interop/cmd/trace-relay), which calls a Java service. The W3C
 * {@code traceparent} travels in the Micro metadata both ways, so the Java spans (from the
 * OpenTelemetry SDK, kept in memory) and the Go spans (printed by the peer) carry one trace id,
 * each span the child of the one before.
 */
class CrossLanguageTraceIT {

    private static final Pattern GO_SPAN = Pattern.compile(
            "^SPAN (\\w+) (\\S+) trace=([0-9a-f]{32}) span=([0-9a-f]{16}) parent=([0-9a-f]{16})$");

    /** The Java service at the end of the chain. */
    public static class Say {
        @MicroHandler
        public HelloResponse hello(HelloRequest request) {
            return HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build();
        }
    }

    InMemoryTracing tracing = new InMemoryTracing();
    HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
    RpcServer javaService;
    GoPeers.Peer relay;

    @BeforeEach
    void start() {
        javaService = new RpcServer(ServerSettings.builder("go.micro.srv.back").address("127.0.0.1:0").build(),
                transport, new MemoryRegistry(), Codecs.standard(),
                List.of(new ObservingHandlerWrapper(tracing.registry(), new ServerCallConvention(10),
                        new ServerStreamConvention(10))), "http");
        javaService.handle(Handler.of(new Say()));
        javaService.start();
        relay = GoPeers.startPeer("trace-relay", Map.of(), "--registry=memory",
                "--next_service=go.micro.srv.back",
                "--next_address=" + javaService.service().nodes().get(0).address());
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        javaService.stop();
        transport.close();
        tracing.close();
    }

    @Test
    void whenJavaCallsGoWhichCallsJavaThenAllSpansCarryOneTraceEachTheChildOfTheOneBefore() {
        RpcClient client = new RpcClient(new RegistrySelector(new MemoryRegistry(), Strategy.random(),
                Duration.ofSeconds(5)), transport, Codecs.standard(), CallOptions.builder()
                .requestTimeout(Duration.ofSeconds(10)).connectionTimeout(Duration.ofSeconds(2)).retries(0)
                .backoff(Backoff.none()).retryPolicy(RetryPolicy.unprocessedOnly())
                .contentType("application/protobuf").address(relay.address()).build(),
                List.of(), List.of(new ObservingAttemptWrapper(tracing.registry(), new ClientCallConvention(10),
                        new ClientStreamConvention(10))),
                null);

        HelloResponse answer = client.callBlocking("go.micro.srv.relay", "Relay.Hello",
                HelloRequest.newBuilder().setName("John").build(), HelloResponse.class);
        assertThat(answer.getMsg()).isEqualTo("Hello John");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(tracing.spans()).hasSize(2);
            assertThat(goSpans()).hasSize(2);
        });
        Map<String, SpanData> java = tracing.spans().stream()
                .collect(Collectors.toMap(span -> span.getKind().name(), Function.identity()));
        SpanData javaClient = java.get("CLIENT");
        SpanData javaServer = java.get("SERVER");
        Map<String, Matcher> go = goSpans().stream().collect(Collectors.toMap(span -> span.group(1),
                Function.identity()));
        Matcher goServer = go.get("server");
        Matcher goClient = go.get("client");

        String traceId = javaClient.getTraceId();
        assertThat(javaClient.getName()).isEqualTo("go.micro.srv.relay.Relay.Hello");
        assertThat(goServer.group(2)).isEqualTo("go.micro.srv.relay.Relay.Hello");
        assertThat(goServer.group(3)).as("Go server's trace").isEqualTo(traceId);
        assertThat(goServer.group(5)).as("Go server's parent").isEqualTo(javaClient.getSpanId());
        assertThat(goClient.group(2)).isEqualTo("go.micro.srv.back.Say.Hello");
        assertThat(goClient.group(3)).as("Go client's trace").isEqualTo(traceId);
        assertThat(goClient.group(5)).as("Go client's parent").isEqualTo(goServer.group(4));
        assertThat(javaServer.getName()).isEqualTo("go.micro.srv.back.Say.Hello");
        assertThat(javaServer.getTraceId()).as("Java server's trace").isEqualTo(traceId);
        assertThat(javaServer.getParentSpanId()).as("Java server's parent").isEqualTo(goClient.group(4));
    }

    private List<Matcher> goSpans() {
        return relay.output().stream().map(GO_SPAN::matcher).filter(Matcher::matches).toList();
    }
}
