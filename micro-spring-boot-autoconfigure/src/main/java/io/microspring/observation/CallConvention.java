package io.microspring.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags of a call's observation, server or client side: service, endpoint, code and
 * outcome (and, on the client side, the attempt's retry), the service and endpoint bounded to the
 * first {@code limit} distinct values; the span is named {@code service.Endpoint}, as go-micro's
 * OpenTelemetry wrapper names it. The tags of each service, endpoint, code and retry are made (and
 * sorted, as {@link KeyValues} keeps them) once, not per call, up to {@value #MAX_MADE} sets.
 *
 * @param <C> the side's observation context
 */
abstract class CallConvention<C extends Observation.Context & ObservedCall> implements ObservationConvention<C> {

    /** How many tag sets are kept made: services and endpoints are bounded, error codes need not be. */
    static final int MAX_MADE = 4096;

    /** The retry of a side that has none. */
    static final int NO_RETRY = -1;

    private final String name;
    private final Class<C> contextType;
    private final BoundedValues services;
    private final BoundedValues endpoints;
    private final Map<Tags, KeyValues> made = new ConcurrentHashMap<>();

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
        Tags tags = new Tags(services.of(context.service()), endpoints.of(context.endpoint()), context.outcome(),
                retry(context));
        KeyValues values = made.get(tags);
        if (values == null) {
            values = KeyValues.of(MicroTags.SERVICE, tags.service(), MicroTags.ENDPOINT, tags.endpoint(),
                    MicroTags.CODE, tags.outcome().codeTag(), MicroTags.OUTCOME, tags.outcome().outcomeTag());
            if (tags.retry() != NO_RETRY) {
                values = values.and(MicroTags.RETRY, Integer.toString(tags.retry()));
            }
            if (made.size() < MAX_MADE) {
                made.put(tags, values);
            }
        }
        return values;
    }

    /** The attempt's retry, tagged when it is not {@link #NO_RETRY}. */
    int retry(C context) {
        return NO_RETRY;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return contextType.isInstance(context);
    }

    /** The values of one set of tags. */
    private record Tags(String service, String endpoint, Outcome outcome, int retry) {
    }
}
