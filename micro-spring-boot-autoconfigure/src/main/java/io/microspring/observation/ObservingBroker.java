package io.microspring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.microspring.broker.Broker;
import io.microspring.broker.BrokerHandler;
import io.microspring.broker.BrokerMessage;
import io.microspring.broker.SubscribeOptions;
import io.microspring.broker.Subscription;
import io.microspring.metadata.Metadata;
import reactor.core.publisher.Mono;

/**
 * A {@link Broker} whose publishes are observed as {@value PublishConvention#NAME}, with a
 * tracer's headers added to the message, and whose deliveries to subscribers are observed as
 * {@value DeliveryConvention#NAME}, continuing the publisher's trace. Everything else is the
 * wrapped broker's.
 */
public final class ObservingBroker implements Broker {

    private final Broker delegate;
    private final ObservationRegistry registry;
    private final PublishConvention publishConvention;
    private final DeliveryConvention deliveryConvention;

    /** {@code delegate} observed in {@code registry}. */
    public ObservingBroker(Broker delegate, ObservationRegistry registry, PublishConvention publishConvention,
            DeliveryConvention deliveryConvention) {
        this.delegate = delegate;
        this.registry = registry;
        this.publishConvention = publishConvention;
        this.deliveryConvention = deliveryConvention;
    }

    /** The broker observed. */
    public Broker delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String address() {
        return delegate.address();
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public void connect() {
        delegate.connect();
    }

    @Override
    public Mono<Void> publish(String topic, BrokerMessage message) {
        return Mono.deferContextual(reactorContext -> {
            Metadata.Builder headers = Metadata.builder();
            message.headers().asMap().forEach(headers::put);
            PublishObservationContext observed = new PublishObservationContext(topic, headers);
            Observation observation = Observation.createNotStarted(publishConvention, () -> observed, registry)
                    .parentObservation(ObservedMono.parent(reactorContext, registry));
            return ObservedMono.observe(observation, observed::outcome,
                    () -> delegate.publish(topic, new BrokerMessage(headers.build(), message.body())));
        });
    }

    @Override
    public Subscription subscribe(String topic, BrokerHandler handler, SubscribeOptions options) {
        BrokerHandler observing = event -> {
            DeliveryObservationContext observed = new DeliveryObservationContext(event.topic(), options.queue(),
                    event.message().headers());
            Observation observation = Observation.createNotStarted(deliveryConvention, () -> observed, registry);
            return ObservedMono.observe(observation, observed::outcome, () -> handler.handle(event));
        };
        return delegate.subscribe(topic, observing, options);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
