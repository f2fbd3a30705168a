package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * With a sink and a queue of one, a blocked sink makes later local deliveries drop; the SSE copies of all events
 * then reach the same sink method: the dropped ones run, the ones already delivered locally are skipped — every
 * event is handled exactly once in total.
 */
class SinkDropIT {

    @Test
    void aDroppedLocalEventStillArrivesThroughSseAndNothingRunsTwice() {
        int k = 6;
        ForkedJvm.Result r = Hardening.withAgent("sink-drop", "SinkDropApp", String.valueOf(k))
                .systemProperty("rcrt.localbus.sink", "com.example.hardening.Bridge#handleEvent")
                .systemProperty("rcrt.localbus.queue.capacity", "1")
                .run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        assertThat(r.required("FIRST_BLOCKED")).isEqualTo("true");
        assertThat(r.requiredLong("SINK_INSTANCES")).isEqualTo(1);
        long droppedLocally = r.requiredLong("DROPPED_WHILE_BLOCKED");
        assertThat(droppedLocally).as("some local deliveries were dropped\n%s", r).isPositive();

        int local = 0;
        int sse = 0;
        for (int i = 0; i < k; i++) {
            String[] runs = r.required("RUNS " + i).split(" ", 2);
            assertThat(Integer.parseInt(runs[0])).as("breadcrumb %d handled exactly once\n%s", i, r).isEqualTo(1);
            if (runs[1].equals("main")) {
                sse++;
            } else {
                assertThat(runs[1]).startsWith("rcrt-localbus-");
                local++;
            }
        }
        // the first (blocked) and the one queued behind it went locally; the dropped ones came through "SSE"
        assertThat(local).as(r.describe()).isEqualTo(2);
        assertThat(sse).isEqualTo(k - 2);
        assertThat(droppedLocally).isEqualTo(k - 2);
        assertThat(r.requiredLong("SSE_COPIES_SKIPPED")).isEqualTo(2);
        assertThat(Hardening.countStderr(r, "is full")).isEqualTo(1);
    }
}
