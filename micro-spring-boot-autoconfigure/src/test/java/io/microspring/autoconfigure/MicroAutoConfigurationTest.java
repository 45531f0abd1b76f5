package io.microspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.broker.Subscriber;
import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.codec.Codec;
import io.microspring.codec.Codecs;
import io.microspring.codec.json.JsonCodec;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.Service;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.mdns.MdnsRegistry;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Selector;
import io.microspring.selector.Strategy;
import io.microspring.server.Handler;
import io.microspring.server.RpcServer;
import io.microspring.server.Server;
import io.microspring.transport.Transport;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;
import reactor.core.publisher.Mono;

class MicroAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MicroCodecAutoConfiguration.class,
                    MicroRegistryAutoConfiguration.class, MicroRegistryCacheAutoConfiguration.class,
                    MicroTransportAutoConfiguration.class,
                    MicroSelectorAutoConfiguration.class, MicroClientAutoConfiguration.class,
                    MicroServerAutoConfiguration.class))
            .withPropertyValues("micro.registry=memory", "micro.server-address=127.0.0.1:0");

    @MicroService(name = "go.micro.srv.test", version = "1.2.0", metadata = "zone=a")
    static class Say {
        @MicroHandler
        public String hello(String name) {
            return "Hello " + name;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WithService {
        @Bean
        Say say() {
            return new Say();
        }
    }

    @Test
    void whenRegistryIsMemoryThenMemoryRegistryIsWrappedInTheCache() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(MemoryRegistry.class);
            assertThat(context.getBean(Registry.class)).isInstanceOf(CachingRegistry.class);
            assertThat(((CachingRegistry) context.getBean(Registry.class)).delegate())
                    .isSameAs(context.getBean(MemoryRegistry.class));
            assertThat(context).hasSingleBean(MicroClient.class);
            assertThat(context.getBean(Selector.class)).isInstanceOf(RegistrySelector.class);
            assertThat(context.getBean(Transport.class)).isInstanceOf(HttpTransport.class);
            assertThat(context).doesNotHaveBean(Server.class);
        });
    }

    @Test
    void whenTheApplicationDefinesARegistryThenTheAutoConfiguredOneBacksOff() {
        MemoryRegistry own = new MemoryRegistry();
        runner.withBean("ownRegistry", Registry.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean("microRegistry");
            assertThat(context.getBean(CachingRegistry.class).delegate()).isSameAs(own);
        });
    }

    @Test
    void whenTheApplicationDefinesAClientThenTheAutoConfiguredOneBacksOff() {
        MicroClient own = new MicroClient() {
            @Override
            public <T> Mono<T> call(String service, String endpoint, Object request,
                    Type responseType, CallOptions options) {
                return Mono.empty();
            }
        };
        runner.withBean(MicroClient.class, () -> own)
                .run(context -> assertThat(context.getBean(MicroClient.class)).isSameAs(own));
    }

    @Test
    void whenNoRegistryIsSetThenMdnsIsTheDefault() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MicroRegistryAutoConfiguration.class,
                        MicroRegistryCacheAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasSingleBean(MdnsRegistry.class);
                    assertThat(context.getBean(CachingRegistry.class).name()).isEqualTo("mdns");
                });
    }

    @Test
    void whenTheApplicationDefinesASelectorOrTransportThenTheAutoConfiguredOnesBackOff() {
        Selector selector = new RegistrySelector(new CachingRegistry(new MemoryRegistry(), Duration.ofSeconds(1)),
                Strategy.random(), Duration.ZERO);
        HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
        runner.withBean("ownSelector", Selector.class, () -> selector)
                .withBean("ownTransport", Transport.class, () -> transport)
                .run(context -> {
                    assertThat(context.getBean(Selector.class)).isSameAs(selector);
                    assertThat(context.getBean(Transport.class)).isSameAs(transport);
                    assertThat(context).doesNotHaveBean("microSelector").doesNotHaveBean("microTransport");
                });
    }

    @Test
    void whenRoundRobinIsChosenThenCallsRotateOverTheNodes() {
        runner.withPropertyValues("micro.selector=roundrobin").run(context -> {
            MemoryRegistry registry = context.getBean(MemoryRegistry.class);
            for (int i = 1; i <= 3; i++) {
                registry.register(new Service("svc", "1", null, null,
                        List.of(new Node("n" + i, "127.0.0.1:" + i, null))),
                        Duration.ofMinutes(1));
            }
            Selector selector = context.getBean(Selector.class);
            List<String> picked = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                picked.add(selector.select("svc", List.of()).block().id());
            }
            assertThat(picked).containsExactly("n1", "n2", "n3", "n1", "n2", "n3");
        });
    }

    @Test
    void whenCustomizersExistThenTheyAdjustTheDefaults() {
        runner.withUserConfiguration(WithService.class)
                .withBean(ServerSettingsCustomizer.class, () -> settings -> settings.version("9.9.9"))
                .run(context -> assertThat(context.getBean(Server.class).service().version()).isEqualTo("9.9.9"));
    }

    @Test
    void whenEtcdIsChosenWithoutItsClientThenStartupNamesTheDependency() {
        runner.withPropertyValues("micro.registry=etcd")
                .withClassLoader(new FilteredClassLoader("io.etcd"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(failureReport(context.getStartupFailure())).contains("io.etcd:jetcd-core");
                });
    }

    @Test
    void whenConsulIsChosenWithoutItsClientThenStartupNamesTheDependency() {
        runner.withPropertyValues("micro.registry=consul")
                .withClassLoader(new FilteredClassLoader("com.ecwid.consul"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(failureReport(context.getStartupFailure())).contains("com.ecwid.consul:consul-api");
                });
    }

    @Test
    void whenRegisterIntervalIsNotShorterThanTheTtlThenStartupFailsNamingTheProperty() {
        runner.withUserConfiguration(WithService.class)
                .withPropertyValues("micro.register-ttl=10", "micro.register-interval=10")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(failureReport(context.getStartupFailure())).contains("micro.register-interval")
                            .contains("micro.register-ttl");
                });
    }

    @Test
    void whenAMicroServiceBeanExistsThenItsServerRegistersOnStart() {
        runner.withUserConfiguration(WithService.class).run(context -> {
            assertThat(context).hasSingleBean(RpcServer.class);
            Service service = context.getBean(Server.class).service();
            assertThat(service.name()).isEqualTo("go.micro.srv.test");
            assertThat(service.version()).isEqualTo("1.2.0");
            assertThat(service.endpoints()).extracting(Endpoint::name)
                    .containsExactly("Say.Hello");
            assertThat(service.nodes()).singleElement().satisfies(node -> {
                assertThat(node.id()).startsWith("go.micro.srv.test-");
                assertThat(node.metadata()).containsEntry("protocol", "mucp").containsEntry("zone", "a")
                        .containsEntry("registry", "memory").containsEntry("transport", "http")
                        .containsKeys("broker", "server");
            });
            assertThat(context.getBean(MemoryRegistry.class).getService("go.micro.srv.test")).hasSize(1);
        });
    }

    @Test
    void whenGoMicroEnvironmentVariablesAreSetThenTheyConfigureTheService() {
        Map<String, Object> environment = Map.of("MICRO_REGISTRY", "memory", "MICRO_SERVER_VERSION", "ignored",
                "MICRO_REGISTER_TTL", "40", "MICRO_REGISTER_INTERVAL", "20", "MICRO_CLIENT_RETRIES", "7",
                "MICRO_CLIENT_REQUEST_TIMEOUT", "2s", "MICRO_CLIENT_POOL_SIZE", "9", "MICRO_SELECTOR", "roundrobin",
                "MICRO_SERVER_ADVERTISE", "10.1.2.3:9000");
        runner.withUserConfiguration(WithService.class)
                .withInitializer(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource("env", environment)))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(MicroServerProperties.class).getRegisterTtl())
                            .isEqualTo(Duration.ofSeconds(40));
                    assertThat(context.getBean(MicroServerProperties.class).getRegisterInterval())
                            .isEqualTo(Duration.ofSeconds(20));
                    assertThat(context.getBean(MicroServerProperties.class).getServerAdvertise())
                            .isEqualTo("10.1.2.3:9000");
                    assertThat(context.getBean(MicroClientProperties.class).getClientRetries()).isEqualTo(7);
                    assertThat(context.getBean(MicroClientProperties.class).getClientRequestTimeout())
                            .isEqualTo(Duration.ofSeconds(2));
                    assertThat(context.getBean(MicroTransportProperties.class).getClientPoolSize()).isEqualTo(9);
                    assertThat(context.getBean(MicroSelectorProperties.class).getSelector())
                            .isEqualTo(MicroSelectorProperties.SelectorType.ROUNDROBIN);
                });
    }

    @Test
    void whenTheApplicationDefinesACodecOfAStandardContentTypeThenItReplacesTheStandardOne() {
        Codec own = new JsonCodec();
        runner.withBean("ownJson", Codec.class, () -> own).run(context -> {
            Codecs codecs = context.getBean(Codecs.class);
            assertThat(codecs.get("application/json; charset=utf-8")).isSameAs(own);
            assertThat(codecs.contentTypes()).isEqualTo(Codecs.standard().contentTypes());
        });
    }

    @Test
    void whenTheApplicationDefinesAServerThenTheAutoConfiguredOneBacksOffAndTheOwnOneIsStarted() {
        RecordingServer own = new RecordingServer();
        runner.withUserConfiguration(WithService.class)
                .withBean("ownServer", Server.class, () -> own)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(RpcServer.class);
                    assertThat(context.getBean(Server.class)).isSameAs(own);
                    assertThat(own.isRunning()).isTrue();
                });
        assertThat(own.isRunning()).isFalse();
    }

    @Test
    void whenTheApplicationDefinesTheServerLifecycleThenTheAutoConfiguredOneBacksOff() {
        RecordingServer own = new RecordingServer();
        runner.withUserConfiguration(WithService.class)
                .withBean("ownLifecycle", MicroServerLifecycle.class, () -> new MicroServerLifecycle(own))
                .run(context -> {
                    assertThat(context).hasSingleBean(MicroServerLifecycle.class).hasBean("ownLifecycle");
                    assertThat(own.isRunning()).isTrue();
                    assertThat(context.getBean(RpcServer.class).isRunning()).isFalse();
                });
    }

    /** A server that only records whether it runs. */
    static final class RecordingServer implements Server {

        private volatile boolean running;

        @Override
        public void handle(Handler handler) {
        }

        @Override
        public void subscribe(Subscriber subscriber) {
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public Service service() {
            return new Service("own", "1", Map.of(), List.of(), List.of());
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    private static String failureReport(Throwable failure) {
        StringBuilder report = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            report.append(t.getMessage()).append('\n');
        }
        return report.toString();
    }
}
