package io.microspring.testing;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a fuzz test class that was meant to fuzz and did not: on CI (environment variable
 * {@code CI}) or in the build's fuzz profile (system property {@value #REQUIRED}), Jazzer must run
 * in fuzzing mode ({@code JAZZER_FUZZ} set; without it Jazzer quietly replays the inputs only)
 * and the target must have run at least {@value #MIN_RUNS} times. Elsewhere the class replays its
 * inputs as a unit test and the guard checks nothing. Register it as a static field with
 * {@code @RegisterExtension} and call {@link #ran()} from the fuzz target.
 */
public final class FuzzingGuard implements AfterAllCallback {

    /** The system property the fuzz profile sets. */
    public static final String REQUIRED = "micro.fuzz.required";
    /** Runs of the target below which it did not fuzz: its inputs directory holds a few. */
    static final long MIN_RUNS = 100;

    private final AtomicLong runs = new AtomicLong();

    /** Counts one run of the fuzz target. */
    public void ran() {
        runs.incrementAndGet();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!Boolean.getBoolean(REQUIRED) && System.getenv("CI") == null) {
            return;
        }
        String test = context.getRequiredTestClass().getSimpleName();
        String mode = System.getenv("JAZZER_FUZZ");
        if (mode == null || mode.isEmpty()) {
            throw new AssertionError(test + " was meant to fuzz, but JAZZER_FUZZ is not set, so Jazzer only replayed "
                    + "its inputs: run it through the build's fuzz profile (mvn -Pfuzz)");
        }
        if (runs.get() < MIN_RUNS) {
            throw new AssertionError(test + " was meant to fuzz, but its target ran only " + runs.get() + " times");
        }
    }
}
