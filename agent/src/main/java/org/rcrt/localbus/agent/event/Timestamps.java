package org.rcrt.localbus.agent.event;

import java.time.Instant;

/**
 * {@code Instant.now().toString()}, the ISO-8601 form RCRT's records carry, without running
 * {@code DateTimeFormatter} for every event: the date and time of day change once a second, so they are formatted
 * once a second and the fraction is appended by hand, with the digits {@link Instant#toString} would print (none,
 * 3, 6 or 9).
 */
final class Timestamps {
    private Timestamps() {}

    private record Second(long epochSecond, String text) {}

    /** The last second formatted, without its {@code Z}; racing threads at worst format the same second twice. */
    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    static String now() {
        return format(Instant.now());
    }

    static String format(Instant t) {
        Second s = last;
        if (s.epochSecond() != t.getEpochSecond()) {
            String whole = Instant.ofEpochSecond(t.getEpochSecond()).toString();
            s = new Second(t.getEpochSecond(), whole.substring(0, whole.length() - 1));
            last = s;
        }
        int nano = t.getNano();
        StringBuilder out = new StringBuilder(s.text().length() + 11).append(s.text());
        if (nano != 0) {
            out.append('.');
            if (nano % 1_000_000 == 0) {
                digits(out, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(out, nano / 1000, 6);
            } else {
                digits(out, nano, 9);
            }
        }
        return out.append('Z').toString();
    }

    private static void digits(StringBuilder out, int value, int width) {
        int start = out.length();
        for (int i = 0; i < width; i++) {
            out.append('0');
        }
        for (int i = start + width - 1; i >= start; i--, value /= 10) {
            out.setCharAt(i, (char) ('0' + value % 10));
        }
    }
}
