package io.microspring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryEventPublisherBeansApplicationListener;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.autoconfigure.MicroBrokerAutoConfiguration;
import io.microspring.autoconfigure.MicroClientAutoConfiguration;
import io.microspring.autoconfigure.MicroCodecAutoConfiguration;
import io.microspring.autoconfigure.MicroObservationAutoConfiguration;
import io.microspring.autoconfigure.MicroRegistryAutoConfiguration;
import io.microspring.autoconfigure.MicroRegistryCacheAutoConfiguration;
import io.microspring.autoconfigure.MicroSelectorAutoConfiguration;
import io.microspring.autoconfigure.MicroServerAutoConfiguration;
import io.microspring.autoconfigure.MicroTransportAutoConfiguration;
import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.metadata.Metadata;
import io.microspring.server.CallContext;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;

/**
 * Spring Boot's own tracing (Micrometer Tracing over OpenTelemetry) with the starter: a call
 * carries the client span's {@code traceparent}, the handler continues its trace, and with
 * {@code spring.reactor.context-propagation=auto} (here: the hook it sets) the handler's log lines
 * carry the trace id in the MDC.
 */
class BootTracingTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroCodecAutoConfiguration.class,
                    MicroRegistryAutoConfiguration.class, MicroRegistryCacheAutoConfiguration.class,
                    MicroTransportAutoConfiguration.class, MicroSelectorAutoConfiguration.class,
                    MicroBrokerAutoConfiguration.class, MicroClientAutoConfiguration.class,
                    MicroServerAutoConfiguration.class, MicroObservationAutoConfiguration.class,
                    ObservationAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class))
            // what SpringApplication does through spring.factories: the MDC follows the span in scope
            .withInitializer(context -> context.addApplicationListener(
                    new OpenTelemetryEventPublisherBeansApplicationListener()))
            .withBean(Say.class)
            .withBean(SpanProcessor.class, () -> SimpleSpanProcessor.create(exporter))
            .withPropertyValues("micro.registry=memory", "micro.broker=memory", "micro.server-address=127.0.0.1:0",
                    "management.tracing.sampling.probability=1.0");

    @MicroService(name = "greeter")
    static class Say {
        /** Answers with the traceparent it received and the trace id its log lines carry. */
        @MicroHandler
        public String hello(String name, Metadata metadata) {
            return metadata.get("traceparent").orElse("none") + " " + MDC.get("traceId");
        }

        /** Answers each message as {@link #hello} answers a call. */
        @MicroHandler
        public Flux<String> chat(Flux<String> names, CallContext context) {
            return names.map(name -> context.metadata().get("traceparent").orElse("none") + " "
                    + MDC.get("traceId"));
        }
    }

    @AfterEach
    void resetHooks() {
        Hooks.disableAutomaticContextPropagation();
    }

    @Test
    void whenBootTracesThenTheHandlerContinuesTheCallersTraceAndLogsItsId() {
        Hooks.enableAutomaticContextPropagation();
        OpenTelemetryEventPublisherBeansApplicationListener.addWrapper();
        runner.run(context -> {
            String[] answer = context.getBean(MicroClient.class)
                    .callBlocking("greeter", "Say.Hello", "John", String.class).split(" ");

            await().untilAsserted(() -> assertThat(exporter.getFinishedSpanItems()).hasSize(2));
            SpanData client = exporter.getFinishedSpanItems().stream()
                    .filter(span -> span.getName().equals("greeter.Say.Hello") && span.getKind().name().equals("CLIENT"))
                    .findFirst().orElseThrow();
            SpanData server = exporter.getFinishedSpanItems().stream()
                    .filter(span -> span.getKind().name().equals("SERVER")).findFirst().orElseThrow();
            assertThat(answer[0]).isEqualTo("00-" + client.getTraceId() + "-" + client.getSpanId() + "-01");
            assertThat(server.getTraceId()).isEqualTo(client.getTraceId());
            assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
            assertThat(answer[1]).isEqualTo(client.getTraceId());
        });
    }

    @Test
    void whenBootTracesAStreamThenTheHandlerContinuesTheCallersTraceAndLogsItsId() {
        Hooks.enableAutomaticContextPropagation();
        OpenTelemetryEventPublisherBeansApplicationListener.addWrapper();
        runner.run(context -> {
            List<String> answers = context.getBean(MicroClient.class).stream("greeter", "Say.Chat",
                    Flux.just("a", "b"), String.class, CallOptions.none()).collectList().block(Duration.ofSeconds(10));

            await().untilAsserted(() -> assertThat(exporter.getFinishedSpanItems()).hasSize(2));
            SpanData client = exporter.getFinishedSpanItems().stream()
                    .filter(span -> span.getKind().name().equals("CLIENT")).findFirst().orElseThrow();
            SpanData server = exporter.getFinishedSpanItems().stream()
                    .filter(span -> span.getKind().name().equals("SERVER")).findFirst().orElseThrow();
            assertThat(client.getName()).isEqualTo("greeter.Say.Chat");
            assertThat(server.getTraceId()).isEqualTo(client.getTraceId());
            assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
            String expected = "00-" + client.getTraceId() + "-" + client.getSpanId() + "-01 " + client.getTraceId();
            assertThat(answers).containsExactly(expected, expected);
        });
    }
}
