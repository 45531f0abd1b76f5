package io.microspring.observation;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * The meters of streams besides their timers: the gauges {@value #SERVER_OPEN} and
 * {@value #CLIENT_OPEN}, the streams open now on each side, and, as each stream ends, the messages
 * it carried each way, recorded in the distribution summary {@code <observation name>.messages}
 * ({@code micro.server.streams.messages}) with the stream's tags and a {@value MicroTags#DIRECTION}.
 * Register it with the observation registry (Spring Boot registers the bean).
 */
public final class StreamMetricsHandler implements ObservationHandler<Observation.Context> {

    /** The gauge of the streams this node serves now. */
    public static final String SERVER_OPEN = "micro.server.streams.open";
    /** The gauge of the streams this node's clients have open now. */
    public static final String CLIENT_OPEN = "micro.client.streams.open";

    private final MeterRegistry meters;
    private final AtomicInteger serverOpen = new AtomicInteger();
    private final AtomicInteger clientOpen = new AtomicInteger();

    /** Recording in {@code meters}, where the two gauges are registered at once. */
    public StreamMetricsHandler(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder(SERVER_OPEN, serverOpen, AtomicInteger::get)
                .description("Streams this node serves now").baseUnit("streams").register(meters);
        Gauge.builder(CLIENT_OPEN, clientOpen, AtomicInteger::get)
                .description("Streams this node's clients have open now").baseUnit("streams").register(meters);
    }

    @Override
    public void onStart(Observation.Context context) {
        open(context).incrementAndGet();
    }

    @Override
    public void onStop(Observation.Context context) {
        open(context).decrementAndGet();
        ObservedStream stream = (ObservedStream) context;
        Tags tags = Tags.empty();
        for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
            tags = tags.and(keyValue.getKey(), keyValue.getValue());
        }
        record(context.getName(), tags.and(MicroTags.DIRECTION, MicroTags.SENT), stream.sent());
        record(context.getName(), tags.and(MicroTags.DIRECTION, MicroTags.RECEIVED), stream.received());
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ObservedStream;
    }

    private void record(String name, Tags tags, long messages) {
        DistributionSummary.builder(name + ".messages")
                .description("Messages of a stream, recorded as it ends")
                .baseUnit("messages")
                .tags(tags)
                .register(meters)
                .record(messages);
    }

    private AtomicInteger open(Observation.Context context) {
        return context instanceof ServerStreamObservationContext ? serverOpen : clientOpen;
    }
}
