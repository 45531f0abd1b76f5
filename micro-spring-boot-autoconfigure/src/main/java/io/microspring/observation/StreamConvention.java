package io.microspring.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;

/**
 * Names and tags of a stream's observation, server or client side: a call's tags, and the
 * messages sent and received as high-cardinality values ({@value MicroTags#MESSAGES_SENT},
 * {@value MicroTags#MESSAGES_RECEIVED}), which become span attributes but no meter tags.
 *
 * @param <C> the side's observation context
 */
abstract class StreamConvention<C extends Observation.Context & ObservedStream> extends CallConvention<C> {

    StreamConvention(String name, Class<C> contextType, int limit) {
        super(name, contextType, limit);
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(C context) {
        return KeyValues.of(MicroTags.MESSAGES_SENT, Long.toString(context.sent()),
                MicroTags.MESSAGES_RECEIVED, Long.toString(context.received()));
    }
}
