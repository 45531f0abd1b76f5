package io.microspring.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.microspring.registry.RegistryEvent;
import io.microspring.registry.RegistryEvent.Type;
import io.microspring.registry.Service;
import io.microspring.registry.Watch;

class MdnsWatchersTest {

    private static final MdnsNames NAMES = new MdnsNames("micro");
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final List<String> refreshQueries = new ArrayList<>();
    private final MdnsWatchers watchers = new MdnsWatchers(this::decode, Runnable::run, refreshQueries::add);
    private final List<RegistryEvent> events = new ArrayList<>();

    @Test
    void reportsANewNodeOnceHoweverOftenItIsAnnounced() {
        watchers.add(null, events::add);

        watchers.onResponse(List.of(seen("n1", "greeter", "v1", 8080, 10)), 0);
        watchers.onResponse(List.of(seen("n1", "greeter", "v1", 8080, 10)), SECOND);
        watchers.onResponse(List.of(seen("n1", "greeter", "v1", 8080, 10)), 3 * SECOND);

        assertThat(events).extracting(RegistryEvent::type).containsExactly(Type.CREATE);
        assertThat(events.get(0).service().nodes().get(0).address()).isEqualTo("127.0.0.1:8080");
    }

    @Test
    void reportsChangesAndGoodbyes() {
        watchers.add(null, events::add);

        watchers.onResponse(List.of(seen("n1", "greeter", "v1", 8080, 10)), 0);
        watchers.onResponse(List.of(seen("n1", "greeter", "v2", 8080, 10)), 0);
        watchers.onResponse(List.of(seen("n1", "greeter", "v2", 8080, 0)), 0);
        // a goodbye of a node registered before the watch started is reported too
        watchers.onResponse(List.of(seen("n0", "greeter", "v1", 8080, 0)), 0);

        assertThat(events).extracting(RegistryEvent::type).containsExactly(Type.CREATE, Type.UPDATE, Type.DELETE,
                Type.DELETE);
        assertThat(events.get(1).service().version()).isEqualTo("v2");
        assertThat(events.get(3).service().nodes().get(0).id()).isEqualTo("n0");
    }

    @Test
    void asksAgainNearTheEndOfTheTtlAndDropsANodeThatDoesNotAnswer() {
        watchers.add("greeter", events::add);
        watchers.onResponse(List.of(seen("n1", "greeter", "v1", 8080, 10)), 0);

        watchers.tick(7 * SECOND);
        assertThat(refreshQueries).isEmpty();
        watchers.tick(8 * SECOND);
        watchers.tick(8 * SECOND + 1);
        watchers.tick(9 * SECOND);
        watchers.tick(9 * SECOND + SECOND / 2);
        watchers.tick(9 * SECOND + SECOND / 2 + 1);
        assertThat(refreshQueries).containsExactly("n1.greeter.micro.", "n1.greeter.micro.", "n1.greeter.micro.",
                "n1.greeter.micro.");
        assertThat(events).extracting(RegistryEvent::type).containsExactly(Type.CREATE);

        watchers.tick(10 * SECOND);
        assertThat(events).extracting(RegistryEvent::type).containsExactly(Type.CREATE, Type.DELETE);
    }

    @Test
    void keepsANodeThatAnswers() {
        watchers.add(null, events::add);
        watchers.onResponse(List.of(seen("n1", "greeter", "v1", 8080, 10)), 0);

        watchers.tick(8 * SECOND);
        watchers.onResponse(List.of(seen("n1", "greeter", "v1", 8080, 10)), 8 * SECOND);
        watchers.tick(15 * SECOND);

        assertThat(events).extracting(RegistryEvent::type).containsExactly(Type.CREATE);
        assertThat(refreshQueries).hasSize(1);
    }

    @Test
    void filtersByServiceAndStopsAtClose() {
        List<RegistryEvent> greeterEvents = new ArrayList<>();
        Watch all = watchers.add(null, events::add);
        watchers.add("greeter", greeterEvents::add);

        watchers.onResponse(List.of(seen("n1", "greeter", "v1", 8080, 10), seen("o1", "other", "v1", 8081, 10)), 0);
        all.close();
        watchers.onResponse(List.of(seen("n2", "greeter", "v1", 8082, 10)), 0);

        assertThat(events).extracting(e -> e.service().name()).containsExactly("greeter", "other");
        assertThat(greeterEvents).extracting(e -> e.service().nodes().get(0).id()).containsExactly("n1", "n2");
    }

    @Test
    void forgetsExpiredNodesQuietlyWithoutWatches() {
        watchers.onResponse(List.of(seen("n1", "greeter", "v1", 8080, 10)), 0);
        watchers.tick(11 * SECOND);
        watchers.add(null, events::add);

        watchers.onResponse(List.of(seen("n1", "greeter", "v1", 8080, 10)), 12 * SECOND);

        assertThat(refreshQueries).isEmpty();
        assertThat(events).extracting(RegistryEvent::type).containsExactly(Type.CREATE);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        watchers.add(null, event -> {
            throw new IllegalStateException("listener bug");
        });
        watchers.add(null, events::add);

        watchers.onResponse(List.of(seen("n1", "greeter", "v1", 8080, 10)), 0);

        assertThat(events).hasSize(1);
    }

    @Test
    void reportsLocalChanges() {
        watchers.add("greeter", events::add);
        Service local = new Service("greeter", "v1", null, null, null);

        watchers.publish(List.of(new RegistryEvent(Type.CREATE, local),
                new RegistryEvent(Type.CREATE, new Service("other", "v1", null, null, null))));

        assertThat(events).containsExactly(new RegistryEvent(Type.CREATE, local));
    }

    private Optional<Service> decode(SeenInstance instance) {
        return instance.toService(NAMES);
    }

    private static SeenInstance seen(String id, String service, String version, int port, long ttl) {
        List<String> txt = new MdnsTxt(Map.of(), service, version, List.of()).encode();
        return new SeenInstance(NAMES.instance(id, service), port, InetAddress.getLoopbackAddress(), txt, ttl);
    }
}
