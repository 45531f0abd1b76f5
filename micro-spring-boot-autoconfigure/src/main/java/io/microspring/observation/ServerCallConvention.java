package io.microspring.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags of {@value #NAME}: service, endpoint, code and outcome, the service and endpoint
 * bounded to the first {@code limit} distinct values. Extend it to add tags.
 */
public class ServerCallConvention implements ObservationConvention<ServerCallObservationContext> {

    /** The name of the observation and of its timer. */
    public static final String NAME = "micro.server.requests";

    private final BoundedValues services;
    private final BoundedValues endpoints;

    /** Keeping at most {@code limit} distinct services and endpoints. */
    public ServerCallConvention(int limit) {
        this.services = new BoundedValues(limit);
        this.endpoints = new BoundedValues(limit);
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** The span name, {@code service.Endpoint} as go-micro's OpenTelemetry wrapper names it. */
    @Override
    public String getContextualName(ServerCallObservationContext context) {
        return context.service() + "." + context.endpoint();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ServerCallObservationContext context) {
        return KeyValues.of(MicroTags.SERVICE, services.of(context.service()),
                MicroTags.ENDPOINT, endpoints.of(context.endpoint()),
                MicroTags.CODE, context.outcome().codeTag(),
                MicroTags.OUTCOME, context.outcome().outcomeTag());
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerCallObservationContext;
    }
}
