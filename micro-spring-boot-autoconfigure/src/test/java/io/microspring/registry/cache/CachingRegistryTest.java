package io.microspring.registry.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.memory.MemoryRegistry;

class CachingRegistryTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    @Test
    void aServiceRegisteredAgainWithNewEndpointsIsSeenWithThemAndKeepsItsOtherNodes() {
        MemoryRegistry registry = new MemoryRegistry();
        try (CachingRegistry cache = new CachingRegistry(registry, Duration.ofHours(1))) {
            registry.register(service(List.of(endpoint("Say.Hello")), node("a")), TTL);
            registry.register(service(List.of(endpoint("Say.Hello")), node("b")), TTL);
            assertThat(cache.lookup("greeter").block().get(0).endpoints()).extracting(Endpoint::name)
                    .containsExactly("Say.Hello");

            registry.register(service(List.of(endpoint("Say.Hello"), endpoint("Say.Bye")), node("b")), TTL);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Service cached = cache.lookup("greeter").block().get(0);
                assertThat(cached.endpoints()).extracting(Endpoint::name).containsExactly("Say.Hello", "Say.Bye");
                assertThat(cached.nodes()).extracting(Node::id).containsExactlyInAnyOrder("a", "b");
            });
        }
    }

    private static Service service(List<Endpoint> endpoints, Node node) {
        return new Service("greeter", "1.0", Map.of(), endpoints, List.of(node));
    }

    private static Endpoint endpoint(String name) {
        return new Endpoint(name, null, null, Map.of());
    }

    private static Node node(String id) {
        return new Node(id, "127.0.0.1:1" + id.charAt(0) % 10, Map.of());
    }
}
