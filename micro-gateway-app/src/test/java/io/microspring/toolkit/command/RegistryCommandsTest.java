package io.microspring.toolkit.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.microspring.client.MicroClient;
import io.microspring.errors.MicroException;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Registry;
import io.microspring.registry.Service;
import io.microspring.registry.Value;
import io.microspring.registry.memory.MemoryRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The registry commands' results and errors, over an in-memory registry. */
class RegistryCommandsTest {

    private final MemoryRegistry registry = new MemoryRegistry();
    private final Toolkit toolkit = new Toolkit() {
        @Override
        public Registry registry() {
            return registry;
        }

        @Override
        public MicroClient client() {
            throw new AssertionError("registry commands make no calls");
        }

        @Override
        public MicroClient publisher() {
            throw new AssertionError("registry commands publish nothing");
        }
    };

    private static final Service GREETER = new Service("greeter", "1.0", Map.of(), List.of(new Endpoint("Say.Hello",
            new Value("HelloRequest", "HelloRequest", List.of(new Value("name", "string", null),
                    new Value("address", "Address", List.of(new Value("city", "string", null))))),
            new Value("HelloResponse", "HelloResponse", List.of(new Value("msg", "string", null))), Map.of())),
            List.of(new Node("greeter-1", "127.0.0.1:9090", Map.of("zone", "a", "broker", "http"))));

    @Test
    void whenAServiceIsRegisteredThenGetServiceShowsItsNodesAndFieldsAsATree() {
        registry.register(GREETER, Duration.ofMinutes(1));
        Result result = new GetService("greeter").run(toolkit);
        assertThat(result.text()).isEqualTo("""
                service  greeter

                version  1.0

                ID          ADDRESS          METADATA
                greeter-1   127.0.0.1:9090   broker=http,zone=a

                Endpoint: Say.Hello
                  Request: HelloRequest
                    name string
                    address Address
                      city string
                  Response: HelloResponse
                    msg string
                """);
        JsonNode json = JsonMapper.shared().readTree(result.json());
        assertThat(json.get(0).get("endpoints").get(0).get("request").get("values").get(1).get("values").get(0)
                .get("name").asString()).isEqualTo("city");
    }

    @Test
    void whenServicesAreRegisteredThenListServicesPrintsTheirNamesSortedOnce() {
        registry.register(GREETER, Duration.ofMinutes(1));
        registry.register(GREETER.withNodes(List.of(new Node("greeter-2", "127.0.0.1:9091", null))),
                Duration.ofMinutes(1));
        registry.register(new Service("alpha", "", null, null, List.of(new Node("a-1", "127.0.0.1:1", null))),
                Duration.ofMinutes(1));
        Result result = new ListServices().run(toolkit);
        assertThat(result.text()).isEqualTo("alpha\ngreeter\n");
        assertThat(result.json()).isEqualTo("[\"alpha\",\"greeter\"]\n");
    }

    @Test
    void whenTheServiceIsUnknownThenGetServiceIsA404NamingIt() {
        assertThatThrownBy(() -> new GetService("nobody").run(toolkit))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(404);
                    assertThat(e.detail()).isEqualTo("service nobody not found");
                });
    }

    @Test
    void whenTheServiceJsonIsIncompleteThenRegisterSaysWhatIsMissing() {
        assertThatThrownBy(() -> new RegisterService("{\"name\":\"x\"}", null).run(toolkit))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.detail())
                        .isEqualTo("service x has no nodes to register"));
        assertThatThrownBy(() -> new RegisterService("{\"name\":\"x\",\"nodes\":[{\"id\":\"x-1\"}]}", null)
                .run(toolkit)).isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.detail())
                        .isEqualTo("every node of service x needs an id and an address"));
        assertThatThrownBy(() -> new RegisterService("{\"name\":", null).run(toolkit))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
