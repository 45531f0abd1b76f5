package io.microspring.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags of {@value #NAME}: topic and queue (each bounded to the first {@code limit}
 * distinct values) and outcome. Extend it to add tags.
 */
public class DeliveryConvention implements ObservationConvention<DeliveryObservationContext> {

    /** The name of the observation and of its timer. */
    public static final String NAME = "micro.broker.deliver";

    private final BoundedValues topics;
    private final BoundedValues queues;

    /** Keeping at most {@code limit} distinct topics and queues. */
    public DeliveryConvention(int limit) {
        this.topics = new BoundedValues(limit);
        this.queues = new BoundedValues(limit);
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** The span name, {@code <topic> process}. */
    @Override
    public String getContextualName(DeliveryObservationContext context) {
        return context.topic() + " process";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(DeliveryObservationContext context) {
        return KeyValues.of(MicroTags.TOPIC, topics.of(context.topic()),
                MicroTags.QUEUE, queues.of(context.queue()),
                MicroTags.OUTCOME, context.outcome().outcomeTag());
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof DeliveryObservationContext;
    }
}
