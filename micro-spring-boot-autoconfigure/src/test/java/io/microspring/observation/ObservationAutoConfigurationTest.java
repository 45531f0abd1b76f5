package io.microspring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
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
import io.microspring.broker.Broker;
import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.server.Server;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

class ObservationAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroCodecAutoConfiguration.class,
                    MicroRegistryAutoConfiguration.class, MicroRegistryCacheAutoConfiguration.class,
                    MicroTransportAutoConfiguration.class, MicroSelectorAutoConfiguration.class,
                    MicroBrokerAutoConfiguration.class, MicroClientAutoConfiguration.class,
                    MicroServerAutoConfiguration.class, MicroObservationAutoConfiguration.class,
                    ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .withBean(Say.class)
            .withPropertyValues("micro.registry=memory", "micro.broker=memory", "micro.server-address=127.0.0.1:0");

    /** The transport client's gauge of its connections to one node. */
    private static final String POOLED_CONNECTIONS = "micro.client.connections";

    @MicroService(name = "greeter")
    static class Say {
        @MicroHandler
        public String hello(String name) {
            return "Hello " + name;
        }

        @MicroHandler
        public Flux<String> chat(Flux<String> names) {
            return names.map(name -> "Hi " + name);
        }
    }

    @Test
    void whenMicrometerIsPresentThenCallsBecomeTimersTaggedAsUsersSeeThem() {
        runner.run(context -> {
            MicroClient client = context.getBean(MicroClient.class);
            assertThat(client.callBlocking("greeter", "Say.Hello", "John", String.class)).isEqualTo("Hello John");

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            // an observation stops just after the answer has gone on its way
            await().untilAsserted(() -> {
                assertThat(meters.get(ServerCallConvention.NAME).tag("service", "greeter")
                        .tag("endpoint", "Say.Hello").tag("code", "none").tag("outcome", "SUCCESS").tag("error", "none")
                        .timer().count()).isEqualTo(1);
                assertThat(meters.get(ClientCallConvention.NAME).tag("endpoint", "Say.Hello").tag("retry", "0")
                        .timer().count()).isEqualTo(1);
            });
            assertThat(meters.get(MicroMeterBinder.CACHED_SERVICES).gauge().value()).isEqualTo(1);
            String node = context.getBean(Server.class).service().nodes().get(0).address();
            assertThat(meters.get(POOLED_CONNECTIONS).tag("remote.address", node).gauge().value()).isEqualTo(1);
            assertThat(meters.get(MicroMeterBinder.COOLING_NODES).gauge().value()).isZero();
            assertThat(context.getBean(Broker.class)).isInstanceOf(ObservingBroker.class);
            // Spring Boot's meter handler records them, keeping the timers of calls once made
            assertThat(context.getBeansOfType(MeterObservationHandler.class).values()).singleElement()
                    .isInstanceOf(CallTimerHandler.class);
        });
    }

    @Test
    void whenAStreamIsOpenThenTheGaugesCountItAndItsMessagesAreRecordedAsItEnds() {
        runner.run(context -> {
            MicroClient client = context.getBean(MicroClient.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Sinks.Many<String> names = Sinks.many().unicast().onBackpressureBuffer();
            List<String> answers = new CopyOnWriteArrayList<>();
            client.stream("greeter", "Say.Chat", names.asFlux(), String.class, CallOptions.none())
                    .subscribe(answers::add);
            names.tryEmitNext("a");
            await().until(() -> answers.size() == 1);
            assertThat(meters.get(StreamMetricsHandler.SERVER_OPEN).gauge().value()).isEqualTo(1);
            assertThat(meters.get(StreamMetricsHandler.CLIENT_OPEN).gauge().value()).isEqualTo(1);

            names.tryEmitNext("b");
            names.tryEmitComplete();

            await().untilAsserted(() -> {
                assertThat(answers).containsExactly("Hi a", "Hi b");
                assertThat(meters.get(StreamMetricsHandler.SERVER_OPEN).gauge().value()).isZero();
                assertThat(meters.get(StreamMetricsHandler.CLIENT_OPEN).gauge().value()).isZero();
                assertThat(meters.get(ServerStreamConvention.NAME).tag("endpoint", "Say.Chat")
                        .tag("outcome", "SUCCESS").timer().count()).isEqualTo(1);
                assertThat(meters.get(ServerStreamConvention.NAME + ".messages").tag("endpoint", "Say.Chat")
                        .tag("direction", "received").summary().totalAmount()).isEqualTo(2);
                assertThat(meters.get(ClientStreamConvention.NAME + ".messages").tag("endpoint", "Say.Chat")
                        .tag("direction", "sent").summary().totalAmount()).isEqualTo(2);
                assertThat(meters.get(ClientStreamConvention.NAME + ".messages").tag("endpoint", "Say.Chat")
                        .tag("direction", "received").summary().count()).isEqualTo(1);
            });
        });
    }

    @Test
    void whenMetricsAreDisabledThenNothingIsObserved() {
        runner.withPropertyValues("micro.metrics.enabled=false").run(context -> {
            MicroClient client = context.getBean(MicroClient.class);
            assertThat(client.callBlocking("greeter", "Say.Hello", "John", String.class)).isEqualTo("Hello John");

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find(ServerCallConvention.NAME).timers()).isEmpty();
            assertThat(meters.find(ClientCallConvention.NAME).timers()).isEmpty();
            assertThat(meters.find(MicroMeterBinder.CACHED_SERVICES).gauges()).isEmpty();
            assertThat(meters.find(POOLED_CONNECTIONS).gauges()).isEmpty();
            assertThat(meters.find(StreamMetricsHandler.SERVER_OPEN).gauges()).isEmpty();
            assertThat(context.getBean(Broker.class)).isNotInstanceOf(ObservingBroker.class);
        });
    }
}
