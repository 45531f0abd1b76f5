package io.microspring.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags of {@value #NAME}, one per attempt: service, endpoint, code, outcome and retry,
 * the service and endpoint bounded to the first {@code limit} distinct values. Extend it to add tags.
 */
public class ClientCallConvention implements ObservationConvention<ClientCallObservationContext> {

    /** The name of the observation and of its timer. */
    public static final String NAME = "micro.client.requests";

    private final BoundedValues services;
    private final BoundedValues endpoints;

    /** Keeping at most {@code limit} distinct services and endpoints. */
    public ClientCallConvention(int limit) {
        this.services = new BoundedValues(limit);
        this.endpoints = new BoundedValues(limit);
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** The span name, {@code service.Endpoint} as go-micro's OpenTelemetry wrapper names it. */
    @Override
    public String getContextualName(ClientCallObservationContext context) {
        return context.service() + "." + context.endpoint();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ClientCallObservationContext context) {
        return KeyValues.of(MicroTags.SERVICE, services.of(context.service()),
                MicroTags.ENDPOINT, endpoints.of(context.endpoint()),
                MicroTags.CODE, context.outcome().codeTag(),
                MicroTags.OUTCOME, context.outcome().outcomeTag(),
                MicroTags.RETRY, Integer.toString(context.retry()));
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ClientCallObservationContext;
    }
}
