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
}
