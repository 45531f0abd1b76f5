package io.microspring.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValues;

/**
 * Names and tags of {@value #NAME}, one per attempt: service, endpoint, code, outcome and retry,
 * the service and endpoint bounded to the first {@code limit} distinct values. The tags of each
 * service, endpoint, code and retry are made once and kept (up to {@value #MAX_CACHED} of them),
 * since every call of a client records them. Extend it to add tags.
 */
public class ClientCallConvention extends CallConvention<ClientCallObservationContext> {

    /** The name of the observation and of its timer. */
    public static final String NAME = "micro.client.requests";

    /** How many sets of tags are kept at most; past that they are made per call. */
    static final int MAX_CACHED = 4096;

    private final Map<TagsKey, KeyValues> cached = new ConcurrentHashMap<>();

    /** Keeping at most {@code limit} distinct services and endpoints. */
    public ClientCallConvention(int limit) {
        super(NAME, ClientCallObservationContext.class, limit);
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ClientCallObservationContext context) {
        TagsKey key = new TagsKey(context.service(), context.endpoint(), context.outcome().code(), context.retry());
        KeyValues tags = cached.get(key);
        if (tags == null) {
            tags = super.getLowCardinalityKeyValues(context).and(MicroTags.RETRY, Integer.toString(context.retry()));
            if (cached.size() < MAX_CACHED) {
                cached.put(key, tags);
            }
        }
        return tags;
    }

    /** What a call's tags are made of. */
    private record TagsKey(String service, String endpoint, int code, int retry) {
    }
}
