package io.microspring.toolkit.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration written as Go writes them ({@code 500ms}, {@code 5s}, {@code 1m30s}); a bare number is seconds. */
final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    private static final Pattern WHOLE = Pattern.compile("(?:" + PART.pattern() + ")+");

    private GoDuration() {
    }

    /** The duration {@code text}; {@link IllegalArgumentException} naming {@code flag} when it is not one. */
    static Duration parse(String text, String flag) {
        String value = text.strip();
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        if (!WHOLE.matcher(value).matches()) {
            throw new IllegalArgumentException("--" + flag + " takes a duration such as 500ms, 5s or 1m30s, not '"
                    + text + "'");
        }
        double nanos = 0;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            nanos += Double.parseDouble(part.group(1)) * switch (part.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
        }
        return Duration.ofNanos((long) nanos);
    }
}
