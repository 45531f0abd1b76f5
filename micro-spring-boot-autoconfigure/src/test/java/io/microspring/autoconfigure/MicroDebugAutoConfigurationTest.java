package io.microspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.client.MicroClient;
import io.microspring.errors.MicroException;
import io.microspring.registry.Endpoint;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.server.Server;
import io.microspring.server.debug.Debug;
import io.microspring.server.debug.proto.HealthRequest;
import io.microspring.server.debug.proto.HealthResponse;
import io.microspring.server.debug.proto.StatsRequest;
import io.microspring.server.debug.proto.StatsResponse;

/** go-micro's Debug service on a node: served and registered by default, answering over the wire, off by property. */
class MicroDebugAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
                    MicroCodecAutoConfiguration.class, MicroRegistryAutoConfiguration.class,
                    MicroRegistryCacheAutoConfiguration.class, MicroTransportAutoConfiguration.class,
                    MicroSelectorAutoConfiguration.class, MicroClientAutoConfiguration.class,
                    MicroDebugAutoConfiguration.class, MicroServerAutoConfiguration.class))
            .withPropertyValues("micro.registry=memory", "micro.server-address=127.0.0.1:0");

    @MicroService(name = "go.micro.srv.debugged")
    static class Say {
        @MicroHandler
        public String hello(String name) {
            if (name.isEmpty()) {
                throw MicroException.badRequest("go.micro.srv.debugged", "no name");
            }
            return "Hello " + name;
        }
    }

    @Test
    void whenANodeServesThenDebugHealthAnswersOkOverTheWireAndTheEndpointsAreRegistered() {
        runner.withBean(Say.class).run(context -> {
            MicroClient client = context.getBean(MicroClient.class);
            HealthResponse health = client.callBlocking("go.micro.srv.debugged", "Debug.Health",
                    HealthRequest.getDefaultInstance(), HealthResponse.class);
            assertThat(health.getStatus()).isEqualTo("ok");
            assertThat(context.getBean(MemoryRegistry.class).getService("go.micro.srv.debugged").get(0).endpoints())
                    .extracting(Endpoint::name).contains("Debug.Health", "Debug.Stats", "Say.Hello");
        });
    }

    @Test
    void whenTheApplicationRefusesTrafficThenDebugHealthSaysSo() {
        runner.withBean(Say.class).run(context -> {
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            HealthResponse health = context.getBean(MicroClient.class).callBlocking("go.micro.srv.debugged",
                    "Debug.Health", HealthRequest.getDefaultInstance(), HealthResponse.class);
            assertThat(health.getStatus()).isEqualTo("refusing traffic");
        });
    }

    @Test
    void whenTheApplicationIsBrokenThenDebugHealthSaysSo() {
        runner.withBean(Say.class).run(context -> {
            AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
            HealthResponse health = context.getBean(MicroClient.class).callBlocking("go.micro.srv.debugged",
                    "Debug.Health", HealthRequest.getDefaultInstance(), HealthResponse.class);
            assertThat(health.getStatus()).isEqualTo("broken");
        });
    }

    @Test
    void whenCallsWereServedThenDebugStatsCountsThemWithTheJvmFigures() {
        runner.withBean(Say.class).run(context -> {
            MicroClient client = context.getBean(MicroClient.class);
            client.callBlocking("go.micro.srv.debugged", "Say.Hello", "Ann", String.class);
            assertThatThrownBy(() -> client.callBlocking("go.micro.srv.debugged", "Say.Hello", "", String.class))
                    .isInstanceOf(MicroException.class);
            StatsResponse stats = client.callBlocking("go.micro.srv.debugged", "Debug.Stats",
                    StatsRequest.getDefaultInstance(), StatsResponse.class);
            assertThat(stats.getRequests()).isEqualTo(3); // Stats itself is counted as it starts
            assertThat(stats.getErrors()).isEqualTo(1);
            assertThat(stats.getStarted()).isPositive().isLessThanOrEqualTo(stats.getTimestamp());
            assertThat(stats.getMemory()).isPositive();
            assertThat(stats.getThreads()).isPositive();
        });
    }

    @Test
    void whenDebugIsDisabledThenTheNodeHasNoDebugService() {
        runner.withBean(Say.class).withPropertyValues("micro.debug.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(Debug.class);
            assertThatThrownBy(() -> context.getBean(MicroClient.class).callBlocking("go.micro.srv.debugged",
                    "Debug.Health", HealthRequest.getDefaultInstance(), HealthResponse.class))
                    .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(404));
        });
    }

    @Test
    void whenTheApplicationServesNothingThenThereIsNoDebugServiceNorServer() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(Debug.class);
            assertThat(context).doesNotHaveBean(Server.class);
        });
    }
}
