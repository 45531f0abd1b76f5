package io.microspring.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags of a call's observation, server or client side: service, endpoint, code and
 * outcome, the service and endpoint bounded to the first {@code limit} distinct values; the span is
 * named {@code service.Endpoint}, as go-micro's OpenTelemetry wrapper names it.
 *
 * @param <C> the side's observation context
 */
abstract class CallConvention<C extends Observation.Context & ObservedCall> implements ObservationConvention<C> {

    private final String name;
    private final Class<C> contextType;
    private final BoundedValues services;
    private final BoundedValues endpoints;

    CallConvention(String name, Class<C> contextType, int limit) {
        this.name = name;
        this.contextType = contextType;
        this.services = new BoundedValues(limit);
        this.endpoints = new BoundedValues(limit);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getContextualName(C context) {
        return context.service() + "." + context.endpoint();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(C context) {
        return KeyValues.of(MicroTags.SERVICE, services.of(context.service()),
                MicroTags.ENDPOINT, endpoints.of(context.endpoint()),
                MicroTags.CODE, context.outcome().codeTag(),
                MicroTags.OUTCOME, context.outcome().outcomeTag());
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return contextType.isInstance(context);
    }
}
