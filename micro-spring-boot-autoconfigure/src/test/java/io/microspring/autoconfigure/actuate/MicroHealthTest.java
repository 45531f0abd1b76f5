package io.microspring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.microspring.annotation.MicroHandler;
import io.microspring.broker.memory.MemoryBroker;
import io.microspring.codec.Codecs;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.server.Handler;
import io.microspring.server.RpcServer;
import io.microspring.server.ServerSettings;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;

/** The health a real server, registry and broker report, and the micro endpoint's view of them. */
class MicroHealthTest {

    /** One endpoint. */
    public static class Say {
        @MicroHandler
        public String hello(String name) {
            return "Hello " + name;
        }
    }

    MemoryRegistry registry = new MemoryRegistry();
    HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
    RpcServer server = new RpcServer(ServerSettings.builder("greeter").address("127.0.0.1:0").build(), transport,
            registry, Codecs.standard(), List.of(), "http");

    @AfterEach
    void stop() {
        server.stop();
        transport.close();
    }

    @Test
    void whenTheServerListensAndIsRegisteredThenItIsUpAndDownOnceItsRegistrationIsGone() {
        server.handle(Handler.of(new Say()));
        server.start();
        ServerHealthIndicator health = new ServerHealthIndicator(server, registry);

        Health registered = health.health(true);
        assertThat(registered.getStatus()).isEqualTo(Status.UP);
        assertThat(registered.getDetails()).containsEntry("registered", true)
                .containsEntry("node", server.service().nodes().get(0).id());

        registry.deregister(server.service());
        Health gone = health.health(true);
        assertThat(gone.getStatus()).isEqualTo(Status.DOWN);
        assertThat(gone.getDetails()).containsEntry("registered", false);

        server.stop();
        assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health(true).getDetails()).containsEntry("listening", false);
    }

    @Test
    void whenAskedThenRegistryAndBrokerSayWhatTheyAre() {
        server.handle(Handler.of(new Say()));
        server.start();
        Health registryHealth = new RegistryHealthIndicator(registry).health(true);
        assertThat(registryHealth.getStatus()).isEqualTo(Status.UP);
        assertThat(registryHealth.getDetails()).containsEntry("registry", "memory").containsEntry("services", 1);
        try (MemoryBroker broker = new MemoryBroker()) {
            assertThat(new BrokerHealthIndicator(broker).health(true).getDetails()).containsEntry("broker", "memory");
        }
    }

    @Test
    void whenAServiceHasEndpointsThenTheMicroEndpointDescribesThem() {
        server.handle(Handler.of(new Say()));
        server.start();
        MicroEndpoint.MicroDescriptor micro = new MicroEndpoint(server, registry, null).micro();
        assertThat(micro.name()).isEqualTo("greeter");
        assertThat(micro.nodes()).singleElement().satisfies(node -> assertThat(node.id())
                .isEqualTo(server.service().nodes().get(0).id()));
        assertThat(micro.endpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.name()).isEqualTo("Say.Hello");
            assertThat(endpoint.request().type()).isEqualTo("string");
        });
        assertThat(micro.subscriptions()).isEmpty();
        assertThat(micro.registry().name()).isEqualTo("memory");
        assertThat(micro.broker()).isNull();
    }
}
