package io.microspring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.annotation.MicroSubscriber;
import io.microspring.autoconfigure.MicroBrokerAutoConfiguration;
import io.microspring.autoconfigure.MicroBrokerProperties;
import io.microspring.autoconfigure.MicroClientAutoConfiguration;
import io.microspring.autoconfigure.MicroCodecAutoConfiguration;
import io.microspring.autoconfigure.MicroRegistryAutoConfiguration;
import io.microspring.autoconfigure.MicroRegistryCacheAutoConfiguration;
import io.microspring.autoconfigure.MicroSelectorAutoConfiguration;
import io.microspring.autoconfigure.MicroServerAutoConfiguration;
import io.microspring.autoconfigure.MicroTransportAutoConfiguration;
import io.microspring.broker.http.HttpBroker;
import io.microspring.broker.memory.MemoryBroker;
import io.microspring.client.MicroClient;
import io.microspring.registry.Endpoint;
import io.microspring.server.Server;
import io.microspring.testing.FreePorts;

class BrokerAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroCodecAutoConfiguration.class,
                    MicroRegistryAutoConfiguration.class, MicroRegistryCacheAutoConfiguration.class,
                    MicroTransportAutoConfiguration.class, MicroSelectorAutoConfiguration.class,
                    MicroBrokerAutoConfiguration.class, MicroClientAutoConfiguration.class,
                    MicroServerAutoConfiguration.class))
            .withPropertyValues("micro.registry=memory", "micro.server-address=127.0.0.1:0");

    /** A JSON message. */
    public record Greeting(String name) {
    }

    @MicroService(name = "go.micro.srv.events")
    static class Events {
        final List<String> received = new CopyOnWriteArrayList<>();

        @MicroHandler
        public String hello(String name) {
            return "Hello " + name;
        }

        @MicroSubscriber(topic = "go.micro.topic.greetings", queue = "events")
        public void onGreeting(Greeting greeting) {
            received.add(greeting.name());
        }
    }

    @MicroService(name = "go.micro.srv.listener")
    static class ListenerOnly {
        @MicroSubscriber(topic = "go.micro.topic.greetings")
        public void on(Greeting greeting) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WithEvents {
        @Bean
        Events events() {
            return new Events();
        }
    }

    @Test
    void whenNatsNamesAnUnknownSslBundleThenStartupSaysHowToDefineIt() {
        runner.withPropertyValues("micro.broker=nats", "micro.nats.ssl-bundle=nats").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("micro.nats.ssl-bundle")
                    .hasMessageContaining("spring.ssl.bundle.pem.nats");
        });
    }

    @Test
    void whenNoBrokerIsChosenThenTheHttpBrokerOfGoMicroIsUsedByTheClient() {
        runner.run(context -> {
            assertThat(context.getBean(Broker.class)).isInstanceOf(HttpBroker.class);
            assertThat(context.getBean(Broker.class).address()).isEqualTo("127.0.0.1:0");
            assertThat(context.getBean(Publisher.class)).isSameAs(context.getBean(MicroClient.class));
            context.getBean(Publisher.class).publishBlocking("go.micro.topic.nobody", new Greeting("x"));
        });
    }

    @Test
    void whenAMicroServiceBeanSubscribesThenItsSubscriberIsRegisteredAndReceivesMessages() {
        runner.withUserConfiguration(WithEvents.class).withPropertyValues("micro.broker=memory").run(context -> {
            assertThat(context.getBean(Broker.class)).isInstanceOf(MemoryBroker.class);
            Server server = context.getBean(Server.class);
            assertThat(server.service().nodes().get(0).metadata()).containsEntry("broker", "memory");
            assertThat(server.service().endpoints()).extracting(Endpoint::name)
                    .containsExactly("Events.Hello", "Events.OnGreeting");
            Endpoint subscriber = server.service().endpoints().get(1);
            assertThat(subscriber.metadata()).isEqualTo(Map.of("topic", "go.micro.topic.greetings", "subscriber", "true"));
            assertThat(subscriber.request().type()).isEqualTo("Greeting");

            context.getBean(MicroClient.class).publishBlocking("go.micro.topic.greetings", new Greeting("Ann"));

            await().atMost(Duration.ofSeconds(5)).until(() -> context.getBean(Events.class).received.contains("Ann"));
        });
    }

    @Test
    void whenAMicroServiceBeanOnlySubscribesThenItsServiceStarts() {
        runner.withBean(ListenerOnly.class).withPropertyValues("micro.broker=memory").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Server.class).service().endpoints()).extracting(Endpoint::name)
                    .containsExactly("ListenerOnly.On");
        });
    }

    @Test
    void whenGoMicroBrokerEnvironmentVariablesAreSetThenTheyChooseTheBrokerAndItsAddress() {
        String address = "nats://127.0.0.1:" + FreePorts.find();
        Map<String, Object> environment = Map.of("MICRO_BROKER", "nats", "MICRO_BROKER_ADDRESS", address);
        runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("env", environment)))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(failureReport(context.getStartupFailure()))
                            .contains("Cannot connect to NATS at " + address).contains("micro.broker-address");
                });
    }

    @Test
    void whenTheChosenBrokersClientIsMissingThenStartupNamesTheDependency() {
        runner.withClassLoader(new FilteredClassLoader("io.nats")).withPropertyValues("micro.broker=nats")
                .run(context -> assertThat(failureReport(context.getStartupFailure())).contains("io.nats:jnats"));
        runner.withClassLoader(new FilteredClassLoader("com.rabbitmq")).withPropertyValues("micro.broker=rabbitmq")
                .run(context -> assertThat(failureReport(context.getStartupFailure())).contains("com.rabbitmq:amqp-client"));
    }

    @Test
    void whenABrokerSettingIsInvalidThenStartupNamesTheProperty() {
        runner.withPropertyValues("micro.broker-address=localhost").run(context -> assertThat(
                failureReport(context.getStartupFailure())).contains("micro.broker-address").contains("host:port"));
        runner.withPropertyValues("micro.broker=rabbitmq", "micro.broker-address=http://somewhere")
                .run(context -> assertThat(failureReport(context.getStartupFailure())).contains("micro.broker-address")
                        .contains("amqp://"));
        runner.withPropertyValues("micro.broker=kafka").run(context -> assertThat(
                failureReport(context.getStartupFailure())).contains("micro.broker").contains("kafka"));
    }

    @Test
    void whenTheApplicationDefinesABrokerThenTheAutoConfiguredOneBacksOff() {
        MemoryBroker own = new MemoryBroker();
        runner.withBean("ownBroker", Broker.class, () -> own).withPropertyValues("micro.broker=nats").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Broker.class)).isSameAs(own);
            assertThat(context.getBean(MicroBrokerProperties.class).getBroker())
                    .isEqualTo(MicroBrokerProperties.BrokerType.NATS);
        });
    }

    private static String failureReport(Throwable failure) {
        StringBuilder report = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            report.append(t.getMessage()).append('\n');
        }
        return report.toString();
    }
}
