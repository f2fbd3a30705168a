package org.rcrt.devserver;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses command-line durations: {@code 500ms}, {@code 5s}, {@code 1m}; a plain number means seconds. */
final class DurationArgument {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    private DurationArgument() {
    }

    static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 500ms, 5s, 1m or 60)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
