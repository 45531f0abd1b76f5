package io.microspring.benchmarks.broker;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

import io.microspring.broker.BrokerMessage;
import io.microspring.broker.internal.MessageJson;
import io.microspring.metadata.Metadata;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * jnats alone: a queue subscription on one connection, {@code publish} of the bytes on another;
 * with {@code goMicroWire}, each message is also written and read as go-micro's JSON envelope (what
 * any go-micro compatible NATS client must do), without the rest of our broker.
 */
final class RawNats implements Target {

    private final Connection publisher;
    private final Connection subscriber;
    private final String subject;
    private final boolean goMicroWire;
    private long sequence;

    RawNats(String url, String subject, boolean goMicroWire) throws IOException, InterruptedException {
        this.publisher = Nats.connect(new Options.Builder().server(url).build());
        this.subscriber = Nats.connect(new Options.Builder().server(url).build());
        this.subject = subject;
        this.goMicroWire = goMicroWire;
    }

    @Override
    public String name() {
        return goMicroWire ? "jnats (raw, go-micro JSON envelope)" : "jnats (raw)";
    }

    @Override
    public void start(LongConsumer received) {
        Dispatcher dispatcher = subscriber.createDispatcher(message -> received.accept(Target.stampOf(goMicroWire
                ? MessageJson.read(message.getData()).body() : message.getData())));
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
            publishOne();
        }
    }

    @Override
    public void publishOne() {
        byte[] payload = Target.stampedPayload();
        if (goMicroWire) {
            Metadata headers = Metadata.of(BrokerMessage.CONTENT_TYPE_HEADER, "application/octet-stream",
                    BrokerMessage.TOPIC_HEADER, subject, BrokerMessage.ID_HEADER, Long.toString(++sequence));
            payload = MessageJson.write(headers, payload);
        }
        publisher.publish(subject, payload);
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
