package io.microspring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.microspring.annotation.MicroSubscriber;
import io.microspring.codec.Codecs;
import io.microspring.metadata.Metadata;
import io.microspring.test.proto.HelloRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class SubscriberTest {

    static class Events {
        String last;

        @MicroSubscriber(topic = "orders", queue = "billing")
        public CompletableFuture<Void> onOrder(HelloRequest order) {
            last = "order " + order.getName();
            return CompletableFuture.completedFuture(null);
        }

        @MicroSubscriber(topic = "audit", autoAck = false)
        public void audit(Metadata metadata, String text, BrokerEvent event) {
            last = "audit " + text + " by " + metadata.get("User").orElse("?") + " on " + event.topic();
        }

        public void notSubscribed(String ignored) {
        }
    }

    static class TwoMessages {
        @MicroSubscriber(topic = "t")
        public void both(String one, String two) {
        }
    }

    static class Streams {
        @MicroSubscriber(topic = "t")
        public Flux<String> stream(String one) {
            return Flux.empty();
        }
    }

    static class DurableBroadcast {
        @MicroSubscriber(topic = "t", durable = true)
        public void on(String one) {
        }
    }

    @Test
    void annotatedMethodsBecomeSubscribersNamedAsGoMicroEndpoints() {
        List<Subscriber> subscribers = Subscriber.of("Events", new Events(), Events.class, Codecs.standard());

        assertThat(subscribers).extracting(Subscriber::name).containsExactly("Events.Audit", "Events.OnOrder");
        Subscriber audit = subscribers.get(0);
        assertThat(audit.topic()).isEqualTo("audit");
        assertThat(audit.options()).isEqualTo(new SubscribeOptions("", false, false));
        assertThat(audit.endpointMetadata()).containsOnly(java.util.Map.entry("topic", "audit"),
                java.util.Map.entry("subscriber", "true"));
        assertThat(subscribers.get(1).options()).isEqualTo(SubscribeOptions.queue("billing"));
        assertThat(subscribers.get(1).messageType()).isEqualTo(HelloRequest.class);
    }

    @Test
    void messagesAreDecodedByContentTypeWithProtobufWhenThereIsNone() {
        Events events = new Events();
        List<Subscriber> subscribers = Subscriber.of("Events", events, Events.class, Codecs.standard());
        byte[] proto = HelloRequest.newBuilder().setName("bare").build().toByteArray();

        subscribers.get(1).handle(BrokerEvent.unacknowledged("orders", new BrokerMessage(Metadata.empty(), proto)),
                Schedulers.immediate()).block();
        assertThat(events.last).isEqualTo("order bare");

        BrokerMessage json = new BrokerMessage(Metadata.of("Content-Type", "application/json", "User", "ann",
                "Micro-Topic", "audit"), "\"hello\"".getBytes(StandardCharsets.UTF_8));
        subscribers.get(0).handle(BrokerEvent.unacknowledged("audit", json), Schedulers.immediate()).block();
        assertThat(events.last).isEqualTo("audit hello by ann on audit");
    }

    @Test
    void aBlockingSubscriberLeavesTheEventLoop() {
        Events events = new Events();
        Subscriber audit = Subscriber.of("Events", events, Events.class, Codecs.standard()).get(0);
        BrokerMessage json = new BrokerMessage(Metadata.of("Content-Type", "application/json"),
                "\"x\"".getBytes(StandardCharsets.UTF_8));
        String[] thread = new String[1];

        Mono.defer(() -> audit.handle(BrokerEvent.unacknowledged("audit", json), Schedulers.newSingle("blocking-pool"))
                .doOnSuccess(done -> thread[0] = Thread.currentThread().getName()))
                .subscribeOn(Schedulers.parallel())
                .block();

        assertThat(thread[0]).startsWith("blocking-pool");
    }

    @Test
    void undecodableMessagesFailAsUnreadableNamingTopicIdAndType() {
        Subscriber order = Subscriber.of("Events", new Events(), Events.class, Codecs.standard()).get(1);
        BrokerMessage garbage = new BrokerMessage(Metadata.of("Content-Type", "application/json", "Micro-ID", "m-7"),
                "{oops".getBytes(StandardCharsets.UTF_8));
        BrokerMessage unknownType = new BrokerMessage(Metadata.of("Content-Type", "text/x-unknown"), new byte[0]);

        assertThatThrownBy(() -> order.handle(BrokerEvent.unacknowledged("orders", garbage), Schedulers.immediate()).block())
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("message m-7 on topic orders").hasMessageContaining(HelloRequest.class.getName());
        assertThatThrownBy(() -> order.handle(BrokerEvent.unacknowledged("orders", unknownType), Schedulers.immediate())
                .block()).isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("unsupported Content-Type text/x-unknown");
    }

    @Test
    void badSignaturesFailNamingTheMethod() {
        assertThatThrownBy(() -> Subscriber.of("X", new TwoMessages(), TwoMessages.class, Codecs.standard()))
                .hasMessageContaining("TwoMessages.both takes two message parameters");
        assertThatThrownBy(() -> Subscriber.of("X", new Streams(), Streams.class, Codecs.standard()))
                .hasMessageContaining("Streams.stream returns a Flux");
        assertThatThrownBy(() -> Subscriber.of("X", new DurableBroadcast(), DurableBroadcast.class, Codecs.standard()))
                .hasMessageContaining("durable without a queue");
    }
}
