package io.microspring.benchmarks.broker;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;

/** jnats alone: a queue subscription on one connection, {@code publish} of the bytes on another. */
final class RawNats implements Target {

    private final Connection publisher;
    private final Connection subscriber;
    private final String subject;

    RawNats(String url, String subject) throws IOException, InterruptedException {
        this.publisher = Nats.connect(new Options.Builder().server(url).build());
        this.subscriber = Nats.connect(new Options.Builder().server(url).build());
        this.subject = subject;
    }

    @Override
    public String name() {
        return "jnats (raw)";
    }

    @Override
    public void start(LongConsumer received) {
        Dispatcher dispatcher = subscriber.createDispatcher(message -> received.accept(Target.stampOf(message.getData())));
        dispatcher.subscribe(subject, "bench");
        try {
            subscriber.flush(Duration.ofSeconds(5));
        } catch (TimeoutException | InterruptedException e) {
            throw new IllegalStateException("NATS did not confirm the subscription", e);
        }
    }

    @Override
    public void publishAll(int count) {
        for (int i = 0; i < count; i++) {
            publisher.publish(subject, Target.stampedPayload());
        }
    }

    @Override
    public void publishOne() {
        publisher.publish(subject, Target.stampedPayload());
    }

    @Override
    public void close() {
        try {
            publisher.close();
            subscriber.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
