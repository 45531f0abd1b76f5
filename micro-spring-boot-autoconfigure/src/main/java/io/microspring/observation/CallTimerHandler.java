package io.microspring.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;

/**
 * Micrometer's meter handler ({@code DefaultMeterObservationHandler}, which Spring Boot
 * registers), with the timer of every call ({@link ObservedCall}) kept once made: that handler
 * turns the tags into Micrometer's, sorts them and looks the timer up in the registry at the end
 * of every call. The timer is the same one, named after the observation and tagged with its
 * low-cardinality values and {@code error} (the error's simple class name, or {@code none}); at
 * most {@value #MAX_KEPT} are kept, beyond that they are looked up as before. Everything else,
 * the start, the long-task timer and other observations, is the delegate's.
 */
public final class CallTimerHandler implements MeterObservationHandler<Observation.Context> {

    /** How many timers are kept: calls' tags are bounded, their errors need not be. */
    static final int MAX_KEPT = 4096;
    private static final String ERROR_TAG = "error";
    private static final String NO_ERROR = "none";

    private final MeterObservationHandler<Observation.Context> delegate;
    private final MeterRegistry registry;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    /** Recording calls' timers in {@code registry}, the registry {@code delegate} records in. */
    public CallTimerHandler(MeterObservationHandler<Observation.Context> delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return delegate.supportsContext(context);
    }

    @Override
    public void onStart(Observation.Context context) {
        delegate.onStart(context);
    }

    @Override
    public void onError(Observation.Context context) {
        delegate.onError(context);
    }

    @Override
    public void onEvent(Observation.Event event, Observation.Context context) {
        delegate.onEvent(event, context);
    }

    @Override
    public void onStop(Observation.Context context) {
        Timer.Sample sample = context instanceof ObservedCall ? context.get(Timer.Sample.class) : null;
        if (sample == null) {
            delegate.onStop(context);
            return;
        }
        Throwable error = context.getError();
        TimerKey key = new TimerKey(context.getName(), context.getLowCardinalityKeyValues(),
                error == null ? NO_ERROR : error.getClass().getSimpleName());
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = registry.timer(key.name(), tags(key));
            if (timers.size() < MAX_KEPT) {
                timers.put(key, timer);
            }
        }
        sample.stop(timer);
        LongTaskTimer.Sample active = context.get(LongTaskTimer.Sample.class);
        if (active != null) {
            active.stop();
        }
    }

    private static Tags tags(TimerKey key) {
        Tags tags = Tags.of(ERROR_TAG, key.error());
        for (KeyValue value : key.values()) {
            tags = tags.and(value.getKey(), value.getValue());
        }
        return tags;
    }

    /** What names one timer. */
    private record TimerKey(String name, KeyValues values, String error) {
    }
}
