package io.microspring.broker.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.broker.Broker;
import io.microspring.broker.BrokerEvent;
import io.microspring.broker.BrokerHandler;
import io.microspring.broker.BrokerMessage;
import io.microspring.broker.SubscribeOptions;
import io.microspring.broker.Subscription;
import io.microspring.broker.UnreadableMessageException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A broker inside one JVM, as go-micro's memory broker: a published message goes straight to the
 * handlers of its topic, one random member of each queue group and every broadcast subscriber.
 * The publish completes once they have handled it; their failures are logged, not returned.
 */
public final class MemoryBroker implements Broker {

    /** This broker's name. */
    public static final String NAME = "memory";

    private static final Logger log = LoggerFactory.getLogger(MemoryBroker.class);

    private final Map<String, List<MemorySubscription>> subscriptions = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String address() {
        return "";
    }

    @Override
    public void connect() {
    }

    @Override
    public Mono<Void> publish(String topic, BrokerMessage message) {
        return Flux.defer(() -> Flux.fromIterable(recipients(topic)))
                .flatMap(subscription -> deliver(subscription, topic, message))
                .then();
    }

    @Override
    public Subscription subscribe(String topic, BrokerHandler handler, SubscribeOptions options) {
        MemorySubscription subscription = new MemorySubscription(topic, handler, options);
        subscriptions.compute(topic, (key, members) -> {
            List<MemorySubscription> list = members == null ? new CopyOnWriteArrayList<>() : members;
            list.add(subscription);
            return list;
        });
        return subscription;
    }

    @Override
    public void close() {
        subscriptions.clear();
    }

    private List<MemorySubscription> recipients(String topic) {
        List<MemorySubscription> recipients = new ArrayList<>();
        Map<String, List<MemorySubscription>> queueGroups = new LinkedHashMap<>();
        for (MemorySubscription subscription : subscriptions.getOrDefault(topic, List.of())) {
            if (subscription.options().isBroadcast()) {
                recipients.add(subscription);
            } else {
                queueGroups.computeIfAbsent(subscription.options().queue(), queue -> new ArrayList<>()).add(subscription);
            }
        }
        for (List<MemorySubscription> members : queueGroups.values()) {
            recipients.add(members.get(ThreadLocalRandom.current().nextInt(members.size())));
        }
        return recipients;
    }

    private static Mono<Void> deliver(MemorySubscription subscription, String topic, BrokerMessage message) {
        return Mono.defer(() -> subscription.handler().handle(BrokerEvent.unacknowledged(topic, message)))
                .onErrorResume(error -> {
                    if (error instanceof UnreadableMessageException) {
                        log.error("{}; dropped it", error.getMessage());
                    } else {
                        log.error("Subscriber of topic {} failed on message {}: {}", topic, message.id(), error.toString());
                    }
                    return Mono.empty();
                });
    }

    private final class MemorySubscription implements Subscription {

        private final String topic;
        private final BrokerHandler handler;
        private final SubscribeOptions options;

        MemorySubscription(String topic, BrokerHandler handler, SubscribeOptions options) {
            this.topic = topic;
            this.handler = handler;
            this.options = options;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public SubscribeOptions options() {
            return options;
        }

        BrokerHandler handler() {
            return handler;
        }

        @Override
        public void unsubscribe() {
            subscriptions.computeIfPresent(topic, (key, members) -> {
                members.remove(this);
                return members.isEmpty() ? null : members;
            });
        }
    }
}
