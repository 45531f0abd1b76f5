package io.microspring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;

/**
 * The call timers kept by {@link CallTimerHandler} are the meters Micrometer's own handler records:
 * the same names, tags (with {@code error}) and counts, for calls that succeed and fail, the
 * long-task timer still started and stopped, other observations left to Micrometer's handler, and
 * the values an observation filter adds or removes recorded as Micrometer records them.
 */
class CallTimerHandlerTest {

    @Test
    void callsAreRecordedInTheTimersMicrometersHandlerRecordsThemIn() {
        MeterRegistry micrometers = new SimpleMeterRegistry();
        MeterRegistry kept = new SimpleMeterRegistry();
        observeCalls(registry(new DefaultMeterObservationHandler(micrometers)));
        observeCalls(registry(new CallTimerHandler(new DefaultMeterObservationHandler(kept), kept)));

        assertThat(meters(kept)).isEqualTo(meters(micrometers)).contains(
                "micro.server.requests [code=none, endpoint=Say.Hello, error=none, outcome=SUCCESS, service=greeter] 3",
                "micro.server.requests [code=404, endpoint=Say.Hello, error=MicroException, outcome=CLIENT_ERROR, "
                        + "service=greeter] 2",
                "other.work [error=none] 1");
        LongTaskTimer active = kept.get(ServerCallConvention.NAME + ".active").longTaskTimer();
        assertThat(active.activeTasks()).isZero();
    }

    @Test
    void valuesAFilterAddsOrRemovesAreInTheTimersToo() {
        MeterRegistry micrometers = new SimpleMeterRegistry();
        MeterRegistry kept = new SimpleMeterRegistry();
        ObservationRegistry plain = registry(new DefaultMeterObservationHandler(micrometers));
        ObservationRegistry keeping = registry(new CallTimerHandler(new DefaultMeterObservationHandler(kept), kept));
        for (ObservationRegistry registry : List.of(plain, keeping)) {
            registry.observationConfig().observationFilter(context -> context.addLowCardinalityKeyValue(
                    KeyValue.of("region", "eu")).removeLowCardinalityKeyValues(MicroTags.CODE));
        }
        observeCalls(plain);
        observeCalls(keeping);

        assertThat(meters(kept)).isEqualTo(meters(micrometers)).contains(
                "micro.server.requests [endpoint=Say.Hello, error=none, outcome=SUCCESS, region=eu, service=greeter] 3");
    }

    private static ObservationRegistry registry(ObservationHandler<Observation.Context> handler) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(handler);
        return registry;
    }

    private static void observeCalls(ObservationRegistry registry) {
        ServerCallConvention convention = new ServerCallConvention(10);
        for (int i = 0; i < 5; i++) {
            ServerCallObservationContext context = new ServerCallObservationContext("greeter", "Say.Hello",
                    Metadata.empty());
            Observation observation = Observation.createNotStarted(convention, () -> context, registry).start();
            if (i % 2 == 1) {
                MicroException error = MicroException.notFound("greeter", "no one here");
                context.outcome(Outcome.of(error));
                observation.error(error);
            }
            observation.stop();
        }
        Observation.createNotStarted("other.work", registry).observe(() -> { });
    }

    /** Each meter as its name, sorted tags and count (timers) or active tasks (long-task timers). */
    private static List<String> meters(MeterRegistry registry) {
        return registry.getMeters().stream().map(CallTimerHandlerTest::describe).sorted().collect(Collectors.toList());
    }

    private static String describe(Meter meter) {
        String tags = meter.getId().getTags().stream().map(tag -> tag.getKey() + "=" + tag.getValue())
                .sorted().collect(Collectors.joining(", ", "[", "]"));
        long count = meter instanceof Timer timer ? timer.count() : ((LongTaskTimer) meter).activeTasks();
        return meter.getId().getName() + " " + tags + " " + count;
    }
}
