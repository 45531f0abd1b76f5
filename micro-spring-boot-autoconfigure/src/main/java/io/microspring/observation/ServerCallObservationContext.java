package io.microspring.observation;

import java.util.Iterator;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.microspring.metadata.Metadata;

/**
 * A call a server handles, observed: trace headers are read from the caller's metadata.
 *
 * <p>Its low-cardinality values are kept as the convention made them ({@link CallConvention} makes
 * each set once) for as long as only whole sets with the same keys (or none) are added, as an
 * observation does at its start and stop and Spring Boot's filter of common values does when
 * there are none: no map is filled and {@link #getLowCardinalityKeyValues()} needs no
 * sorting. Any other change (a filter adding or removing a value) fills Micrometer's own map from
 * then on, so the values read are always those added.
 */
public final class ServerCallObservationContext extends ReceiverContext<Metadata> implements ObservedCall {

    private final String service;
    private final String endpoint;
    private volatile Outcome outcome = Outcome.SUCCESS;
    /** The values added as a whole, while the map is not used. */
    private volatile KeyValues kept;
    /** Whether the values live in Micrometer's map. */
    private volatile boolean mapped;

    /** The call of {@code endpoint} of {@code service} that arrived with {@code metadata}. */
    public ServerCallObservationContext(String service, String endpoint, Metadata metadata) {
        super((carrier, key) -> carrier.get(key).orElse(null), Kind.SERVER);
        this.service = service;
        this.endpoint = endpoint;
        setCarrier(metadata);
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    /** How the call ended; success until told otherwise. */
    @Override
    public Outcome outcome() {
        return outcome;
    }

    void outcome(Outcome outcome) {
        this.outcome = outcome;
    }

    @Override
    public ServerCallObservationContext addLowCardinalityKeyValues(KeyValues values) {
        if (values == KeyValues.empty() || !values.iterator().hasNext()) {
            return this;
        }
        KeyValues current = kept;
        if (!mapped && (current == null || sameKeys(current, values))) {
            kept = values;
        } else {
            useMap();
            super.addLowCardinalityKeyValues(values);
        }
        return this;
    }

    @Override
    public ServerCallObservationContext addLowCardinalityKeyValue(KeyValue value) {
        useMap();
        super.addLowCardinalityKeyValue(value);
        return this;
    }

    @Override
    public ServerCallObservationContext removeLowCardinalityKeyValue(String key) {
        useMap();
        super.removeLowCardinalityKeyValue(key);
        return this;
    }

    @Override
    public ServerCallObservationContext removeLowCardinalityKeyValues(String... keys) {
        useMap();
        super.removeLowCardinalityKeyValues(keys);
        return this;
    }

    @Override
    public KeyValue getLowCardinalityKeyValue(String key) {
        KeyValues current = kept;
        if (mapped || current == null) {
            return super.getLowCardinalityKeyValue(key);
        }
        for (KeyValue value : current) {
            if (value.getKey().equals(key)) {
                return value;
            }
        }
        return null;
    }

    @Override
    public KeyValues getLowCardinalityKeyValues() {
        KeyValues current = kept;
        return mapped || current == null ? super.getLowCardinalityKeyValues() : current;
    }

    /** Moves the kept values into Micrometer's map, which holds them from now on. */
    private void useMap() {
        if (mapped) {
            return;
        }
        mapped = true;
        KeyValues current = kept;
        kept = null;
        if (current != null) {
            for (KeyValue value : current) {
                super.addLowCardinalityKeyValue(value);
            }
        }
    }

    /** Whether both have the same keys (each set is sorted by key). */
    private static boolean sameKeys(KeyValues a, KeyValues b) {
        if (a == b) {
            return true;
        }
        Iterator<KeyValue> as = a.iterator();
        Iterator<KeyValue> bs = b.iterator();
        while (as.hasNext() && bs.hasNext()) {
            if (!as.next().getKey().equals(bs.next().getKey())) {
                return false;
            }
        }
        return !as.hasNext() && !bs.hasNext();
    }
}
