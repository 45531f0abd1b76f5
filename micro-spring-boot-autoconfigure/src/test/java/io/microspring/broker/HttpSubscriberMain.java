package io.microspring.broker;

import java.time.Duration;
import java.util.List;

import io.microspring.broker.http.HttpBroker;
import io.microspring.broker.http.HttpBrokerSettings;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.etcd.EtcdRegistry;
import io.microspring.registry.etcd.EtcdSettings;
import reactor.core.publisher.Mono;

/**
 * A member of {@link HttpBrokerProcessIT} in its own JVM: subscribes to a topic in a queue group
 * through the http broker, registered in etcd, prints {@code READY}, then {@code RECEIVED <id>}
 * for each message. Arguments: {@code <etcd host:port> <topic> <queue>}.
 */
public final class HttpSubscriberMain {

    private HttpSubscriberMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EtcdRegistry registry = new EtcdRegistry(EtcdSettings.of(List.of(args[0])));
        HttpBroker broker = new HttpBroker(HttpBrokerSettings.defaults(), new CachingRegistry(registry, Duration.ofMinutes(1)));
        broker.subscribe(args[1], event -> Mono.fromRunnable(() -> {
            System.out.println("RECEIVED " + event.message().id());
            System.out.flush();
        }), SubscribeOptions.queue(args[2]));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
