package org.rcrt.localbus.agent.config;

import java.time.Duration;

/** Reads {@code 250ms}, {@code 5s}, {@code 10m}, {@code 1h}, or a plain number of seconds. */
final class Durations {
    private Durations() {}

    static Duration parse(String s) {
        String t = s.trim();
        Duration d;
        if (t.endsWith("ms")) {
            d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        } else if (t.endsWith("s")) {
            d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        } else if (t.endsWith("m")) {
            d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        } else if (t.endsWith("h")) {
            d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
        } else {
            d = Duration.ofSeconds(Long.parseLong(t));
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be positive");
        }
        return d;
    }
}
