package io.microspring.sidecar;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration written as Go's {@code time.ParseDuration} reads it: {@code 10s}, {@code 1m30s},
 * {@code 1.5h}, {@code 500ms} (units ns, us, µs, ms, s, m, h). The sidecar's flags and the CLI's
 * ({@code --timeout}, {@code --client_request_timeout}) take them.
 */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** Reads {@code text}; fails with a message quoting it when it is not a Go duration. */
    public static Duration parse(String text) {
        Matcher part = PART.matcher(text);
        int at = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (at < text.length() && part.find(at) && part.start() == at) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(NANOS.get(part.group(2)))));
            at = part.end();
        }
        if (text.isEmpty() || at != text.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 10s, 1m30s or 500ms");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
