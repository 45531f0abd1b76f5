package io.microspring.benchmarks.broker;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import io.microspring.annotation.MicroSubscriber;
import io.microspring.broker.Broker;
import io.microspring.broker.BrokerMessage;
import io.microspring.broker.SubscribeOptions;
import io.microspring.broker.Subscriber;
import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.RetryPolicy;
import io.microspring.client.RpcClient;
import io.microspring.codec.Codecs;
import io.microspring.metadata.Metadata;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;
import io.microspring.transport.http.HttpTransport;
import io.microspring.transport.http.HttpTransportSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Our broker between a publisher and a subscriber broker (as two processes would have them), at one
 * of two levels: the {@link Broker} API with the bytes and go-micro's three headers, or the whole
 * path of an application, {@code MicroClient.publish} of an object encoded as JSON to a
 * {@code @MicroSubscriber} method that takes it decoded.
 */
final class MicroTarget implements Target {

    /** The topic of the application-level path. */
    static final String CLIENT_TOPIC = "bench.client";

    private final String name;
    private final Broker publisher;
    private final Broker subscriber;
    private final boolean throughClient;
    private final int concurrency;
    private final String topic;
    private final HttpTransport transport = new HttpTransport(HttpTransportSettings.defaults());
    private final RpcClient client;
    private final AtomicLong sequence = new AtomicLong();

    /** {@code concurrency} publishes in flight at once (1: each waits for the previous). */
    MicroTarget(String name, Broker publisher, Broker subscriber, boolean throughClient, int concurrency) {
        this.name = name;
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.throughClient = throughClient;
        this.concurrency = concurrency;
        this.topic = throughClient ? CLIENT_TOPIC : "bench.broker." + UUID.randomUUID();
        this.client = new RpcClient(new RegistrySelector(new CachingRegistry(new MemoryRegistry(), Duration.ofMinutes(1)),
                Strategy.random(), Duration.ofSeconds(1)), transport, Codecs.standard(),
                CallOptions.builder().requestTimeout(Duration.ofSeconds(30)).connectionTimeout(Duration.ofSeconds(5))
                        .retries(0).backoff(Backoff.none()).retryPolicy(RetryPolicy.unprocessedOnly())
                        .contentType("application/json").build(),
                List.of(), publisher);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(LongConsumer received) {
        if (throughClient) {
            Subscriber stamped = Subscriber.of("Bench", new StampedSubscriber(received), StampedSubscriber.class,
                    Codecs.standard()).get(0);
            subscriber.subscribe(stamped.topic(), event -> stamped.handle(event, Schedulers.boundedElastic()),
                    stamped.options());
        } else {
            subscriber.subscribe(topic, event -> {
                received.accept(Target.stampOf(event.message().body()));
                return Mono.empty();
            }, SubscribeOptions.queue(topic));
        }
    }

    @Override
    public void publishAll(int count) {
        if (concurrency == 1) {
            for (int i = 0; i < count; i++) {
                publishOne();
            }
        } else {
            Flux.range(0, count).flatMap(i -> publish(), concurrency).blockLast();
        }
    }

    @Override
    public void publishOne() {
        publish().block();
    }

    private Mono<Void> publish() {
        if (throughClient) {
            return client.publish(topic, new Stamped(System.nanoTime(), "a greeting of the benchmark, about a hundred bytes "
                    + "of JSON in all"));
        }
        Metadata headers = Metadata.of(BrokerMessage.CONTENT_TYPE_HEADER, "application/octet-stream",
                BrokerMessage.TOPIC_HEADER, topic, BrokerMessage.ID_HEADER, Long.toString(sequence.incrementAndGet()));
        return publisher.publish(topic, new BrokerMessage(headers, Target.stampedPayload()));
    }

    @Override
    public void close() {
        subscriber.close();
        publisher.close();
        transport.close();
    }

    /** The application-level message. */
    public record Stamped(long sentAt, String text) {
    }

    /** An application's subscriber of {@link Stamped} messages. */
    public static final class StampedSubscriber {

        private final LongConsumer received;

        StampedSubscriber(LongConsumer received) {
            this.received = received;
        }

        @MicroSubscriber(topic = CLIENT_TOPIC, queue = CLIENT_TOPIC)
        public void on(Stamped message) {
            received.accept(message.sentAt());
        }
    }
}
