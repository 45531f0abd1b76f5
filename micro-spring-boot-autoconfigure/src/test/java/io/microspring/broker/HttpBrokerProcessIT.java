package io.microspring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.broker.http.HttpBroker;
import io.microspring.broker.http.HttpBrokerSettings;
import io.microspring.registry.Service;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.etcd.EtcdRegistry;
import io.microspring.registry.etcd.EtcdSettings;
import io.microspring.testing.EtcdServer;
import io.microspring.testing.ExternalProcess;
import reactor.core.publisher.Mono;

/**
 * Scenario 4 across processes: a queue group of a subscriber JVM and an in-test member, found
 * through etcd. The subscriber JVM is killed with SIGKILL and its node stays registered; the group
 * still gets every message, and the publisher is told only once no member is reachable.
 */
class HttpBrokerProcessIT {

    @RegisterExtension
    static EtcdServer etcd = new EtcdServer();

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aQueueGroupSurvivesADeadMemberAndThePublisherHearsWhenNoneIsLeft() {
        String topic = "micro.test.process." + UUID.randomUUID();
        try (EtcdRegistry registry = new EtcdRegistry(EtcdSettings.of(List.of(etcd.address())));
                ExternalProcess other = ChildJvm.start("http-subscriber", HttpSubscriberMain.class, etcd.address(), topic,
                        "workers")) {
            HttpBroker member = broker(registry);
            HttpBroker publisher = broker(registry);
            try {
                List<String> received = new CopyOnWriteArrayList<>();
                Subscription subscription = member.subscribe(topic, event -> {
                    received.add(event.message().id());
                    return Mono.empty();
                }, SubscribeOptions.queue("workers"));

                publishAll(publisher, topic, "a", 20);
                await().atMost(WAIT).until(() -> received.size() + received(other).size() >= 20);
                assertThat(received(other)).as("the other process's share").isNotEmpty();
                assertThat(received).as("this process's share").isNotEmpty();

                other.kill();
                assertThat(registry.getService(HttpBroker.SERVICE_NAME)).flatExtracting(Service::nodes)
                        .as("the dead member is still registered").hasSize(2);
                received.clear();
                publishAll(publisher, topic, "b", 10);
                await().atMost(WAIT).until(() -> received.size() >= 10);
                assertThat(received).containsExactlyInAnyOrderElementsOf(ids("b", 10));

                subscription.unsubscribe();
                assertThatThrownBy(() -> publisher.publish(topic, BrokerScenarios.message("c0", "{}")).block(WAIT))
                        .isInstanceOf(BrokerException.class)
                        .hasMessageContaining("no member of queue group workers is reachable");
            } finally {
                publisher.close();
                member.close();
            }
        }
    }

    private static HttpBroker broker(EtcdRegistry registry) {
        return new HttpBroker(HttpBrokerSettings.defaults(), new CachingRegistry(registry, Duration.ofMinutes(1)));
    }

    private static void publishAll(Broker publisher, String topic, String prefix, int count) {
        for (String id : ids(prefix, count)) {
            publisher.publish(topic, BrokerScenarios.message(id, "{}")).block(WAIT);
        }
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static List<String> received(ExternalProcess process) {
        return process.stdout().stream().filter(line -> line.startsWith("RECEIVED ")).map(line -> line.substring(9)).toList();
    }
}
