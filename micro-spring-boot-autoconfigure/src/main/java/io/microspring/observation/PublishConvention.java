package io.microspring.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags of {@value #NAME}: topic (bounded to the first {@code limit} distinct values) and
 * outcome. Extend it to add tags.
 */
public class PublishConvention implements ObservationConvention<PublishObservationContext> {

    /** The name of the observation and of its timer. */
    public static final String NAME = "micro.broker.publish";

    private final BoundedValues topics;

    /** Keeping at most {@code limit} distinct topics. */
    public PublishConvention(int limit) {
        this.topics = new BoundedValues(limit);
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** The span name, {@code <topic> publish}. */
    @Override
    public String getContextualName(PublishObservationContext context) {
        return context.topic() + " publish";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(PublishObservationContext context) {
        return KeyValues.of(MicroTags.TOPIC, topics.of(context.topic()),
                MicroTags.OUTCOME, context.outcome().outcomeTag());
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof PublishObservationContext;
    }
}
