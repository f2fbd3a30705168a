package org.rcrt.localbus.agent.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void formatsAsInstantDoesForEveryFractionWidth() {
        long second = Instant.parse("2026-12-02T21:50:13Z").getEpochSecond();
        for (int nano : new int[] {0, 1, 7, 120_000_000, 123_000_000, 123_400_000, 123_456_000, 123_456_700, 999_999_999, 5_000}) {
            Instant t = Instant.ofEpochSecond(second, nano);
            assertThat(Timestamps.format(t)).isEqualTo(t.toString());
        }
    }

    @Test
    void aNewSecondIsFormattedAnew() {
        Instant a = Instant.parse("1999-12-31T23:59:59.5Z");
        Instant b = a.plusMillis(600);
        assertThat(Timestamps.format(a)).isEqualTo(a.toString());
        assertThat(Timestamps.format(b)).isEqualTo("2000-01-01T00:00:00.100Z");
        assertThat(Timestamps.format(a)).isEqualTo(a.toString());
    }

    @Test
    void theDateArithmeticAgreesWithInstantAcrossTheCalendar() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(first, last + 1));
            assertThat(Timestamps.format(t)).isEqualTo(t.toString());
        }
        for (String edge : new String[] {"1970-01-01T00:00:00Z", "2000-02-29T12:00:00Z", "2100-03-01T00:00:00Z",
                "1969-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"}) {
            Instant t = Instant.parse(edge);
            assertThat(Timestamps.format(t)).isEqualTo(t.toString());
        }
    }

    @Test
    void logLinesCarryMillisecondsAlways() {
        assertThat(Timestamps.ofEpochMilli(Instant.parse("2026-12-03T00:26:24Z").toEpochMilli()))
                .isEqualTo("2026-12-03T00:26:24.000Z");
        assertThat(Timestamps.ofEpochMilli(Instant.parse("2026-12-03T00:26:24.729Z").toEpochMilli()))
                .isEqualTo("2026-12-03T00:26:24.729Z");
    }
}
