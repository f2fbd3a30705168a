package org.rcrt.localbus.agent.event;

import java.time.Instant;

/**
 * {@code Instant.now().toString()}, the ISO-8601 form RCRT's records carry, without running
 * {@code DateTimeFormatter} for every event: the date and time of day change once a second, so they are formatted
 * once a second and the fraction is appended by hand, with the digits {@link Instant#toString} would print (none,
 * 3, 6 or 9). The agent's log lines use the same clock, in milliseconds: formatting by arithmetic keeps
 * {@code java.time}'s formatters and time-zone rules (some 70 ms at a cold start) out of the agent's first line.
 */
public final class Timestamps {
    private Timestamps() {}

    private record Second(long epochSecond, String text) {}

    /** The last second formatted, without its {@code Z}; racing threads at worst format the same second twice. */
    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    static String now() {
        return format(Instant.now());
    }

    static String format(Instant t) {
        int nano = t.getNano();
        StringBuilder out = new StringBuilder(31).append(second(t.getEpochSecond()));
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

    /** {@code 2026-12-03T00:26:24.729Z}: an instant in milliseconds, always with three digits, for log lines. */
    public static String ofEpochMilli(long epochMilli) {
        StringBuilder out = new StringBuilder(24).append(second(Math.floorDiv(epochMilli, 1000))).append('.');
        digits(out, (int) Math.floorMod(epochMilli, 1000), 3);
        return out.append('Z').toString();
    }

    /** The date and time of day of a second, without {@code Z}, formatted at most once a second. */
    private static String second(long epochSecond) {
        Second s = last;
        if (s.epochSecond() != epochSecond) {
            s = new Second(epochSecond, civil(epochSecond));
            last = s;
        }
        return s.text();
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss} in UTC by the days-from-civil inverse (proleptic Gregorian, as {@code Instant}),
     * for the years 0000 to 9999; outside them, {@code Instant}'s own text (with its sign and wider year).
     */
    private static String civil(long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
        long shifted = days + 719_468; // days since 0000-03-01
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153; // March = 0
        int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            String whole = Instant.ofEpochSecond(epochSecond).toString();
            return whole.substring(0, whole.length() - 1);
        }
        StringBuilder out = new StringBuilder(19);
        digits(out, (int) year, 4);
        digits(out.append('-'), month, 2);
        digits(out.append('-'), day, 2);
        digits(out.append('T'), secondOfDay / 3600, 2);
        digits(out.append(':'), secondOfDay / 60 % 60, 2);
        digits(out.append(':'), secondOfDay % 60, 2);
        return out.toString();
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
