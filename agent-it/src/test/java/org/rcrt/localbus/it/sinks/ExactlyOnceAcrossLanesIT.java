package org.rcrt.localbus.it.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * An unmodified EventBridge gets every locally created breadcrumb exactly once across the local lane and the app's
 * own SSE reader, in order, whichever lane comes first; neither lane waits for the other; failures of the local
 * lane lose nothing (an SSE copy skipped during a local call that then throws is run by the agent); older versions,
 * replays are skipped; pings, payloads without id and unknown versions pass untouched.
 * One child ({@code com.example.sinks.ExactlyOnceApp}) runs the scenarios in sequence; each test checks its part.
 */
class ExactlyOnceAcrossLanesIT {
    private static ForkedJvm.Result r;
    private static List<String> runs;
    private static List<String> handled;

    @BeforeAll
    static void runTheApp() {
        r = SinkChild.withAgent("exactly-once", "ExactlyOnceApp")
                .systemProperty("rcrt.localbus.sink",
                        "com.example.sinks.EventBridge#handleEvent,com.example.sinks.DelegatingBridge#handleEvent")
                .run();
        runs = new ArrayList<>();
        handled = new ArrayList<>();
        if (r.value("RUNS").isPresent()) {
            for (int i = 0; i < r.requiredLong("RUNS"); i++) {
                runs.add(r.required("RUN " + i));
            }
            for (int i = 0; i < r.requiredLong("HANDLED"); i++) {
                handled.add(r.required("HANDLED " + i));
            }
        }
    }

    @Test
    void theChildRanCleanlyAndTheBridgeWasPickedUp() {
        SinkChild.assertCleanExit(r);
        SinkChild.assertNoErrorsOrStackTraces(r);
        // the only WARN: the (rate-limited) report of the application's handler throwing on the local lane
        assertThat(SinkChild.agentLines(r, "WARN")).as(r.describe()).hasSize(1)
                .allMatch(l -> l.contains("listener of 'sink com.example.sinks.EventBridge#handleEvent@")
                        && l.contains("threw java.lang.IllegalStateException"));
        assertThat(r.required("SUBSCRIBED")).isEqualTo("true");
        assertThat(r.requiredLong("SINK_INSTANCES")).isEqualTo(2);
    }

    @Test
    void theBodyRunsAreExactlyTheExpectedSequence() {
        SinkChild.assertCleanExit(r);
        assertThat(runs).as(r.describe()).containsExactly(
                "breadcrumb.updated after 1 local",
                "breadcrumb.updated blocker 1 local",
                "breadcrumb.updated before 1 sse",
                "breadcrumb.updated during 1 local",
                "breadcrumb.updated during-throw 1 local",
                "breadcrumb.updated during-throw 1 local", // the SSE copy, run by the agent after the local failure
                "breadcrumb.updated throws 1 local",
                "breadcrumb.updated throws 1 sse",
                "breadcrumb.updated versions 1 local",
                "breadcrumb.updated versions 3 sse",
                "breadcrumb.updated versions 4 sse",
                "ping - 0 sse",
                "ping - 0 sse",
                "breadcrumb.updated - 1 sse",
                "breadcrumb.updated - 1 sse",
                "breadcrumb.updated unknown-version 0 sse",
                "breadcrumb.updated unknown-version 0 sse");
        // every locally created breadcrumb handled successfully exactly once (the blocked one completes after the
        // SSE copy of the one queued behind it, so completions are compared as a set)
        assertThat(handled.stream().filter(h -> h.endsWith(" 1 local") || h.endsWith(" 1 sse"))
                .filter(h -> !h.contains(" - ")).map(h -> h.split(" ")[1]).toList())
                .as(r.describe())
                .containsExactlyInAnyOrder("after", "blocker", "before", "during", "during-throw", "throws", "versions");
    }

    @Test
    void sseCopyAfterTheLocalDeliveryAndItsReplaysAreSkipped() {
        assertThat(runs).filteredOn(s -> s.contains(" after ")).containsExactly("breadcrumb.updated after 1 local");
    }

    @Test
    void sseCopyBeforeTheLocalDeliveryRunsOnceAndTheLocalOneIsSkipped() {
        assertThat(r.required("BEFORE_SSE_RAN_WHILE_QUEUED")).as("the local 'before' was still queued").isEqualTo("true");
        assertThat(runs).filteredOn(s -> s.contains(" before ")).containsExactly("breadcrumb.updated before 1 sse");
        assertThat(runs).filteredOn(s -> s.contains(" blocker ")).containsExactly("breadcrumb.updated blocker 1 local");
    }

    @Test
    void sseCopyDuringTheLocalCallReturnsAtOnceAndIsSkipped() {
        assertThat(r.required("DURING_SSE_RETURNED_WHILE_LOCAL_INSIDE")).as("the SSE reader is not held by the local call\n%s",
                r.describe()).isEqualTo("true");
        assertThat(r.requiredLong("DURING_SSE_RUNS_WHILE_LOCAL_INSIDE")).isZero();
        assertThat(r.required("DURING_SSE_FAILED")).isEqualTo("null");
        assertThat(runs).filteredOn(s -> s.contains(" during ")).containsExactly("breadcrumb.updated during 1 local");
    }

    @Test
    void sseCopyDuringALocalCallThatThrowsIsRunByTheAgentAfterIt() {
        assertThat(r.required("DURING_THROW_SSE_RETURNED_WHILE_LOCAL_INSIDE")).as(r.describe()).isEqualTo("true");
        assertThat(r.requiredLong("DURING_THROW_SSE_RUNS_WHILE_LOCAL_INSIDE")).isZero();
        assertThat(r.required("DURING_THROW_SSE_FAILED")).isEqualTo("null");
        // the event still runs, once: the SSE copy the reader passed, on the agent's thread
        assertThat(handled).filteredOn(s -> s.contains(" during-throw ")).containsExactly("breadcrumb.updated during-throw 1 local");
        assertThat(r.requiredLong("COPIES_REDELIVERED")).isEqualTo(1);
    }

    @Test
    void aLocalCallThatThrowsLetsTheLaterSseCopyRunOnce() {
        assertThat(handled).filteredOn(s -> s.contains(" throws ")).containsExactly("breadcrumb.updated throws 1 sse");
        assertThat(r.requiredLong("SUB_LISTENER_ERRORS")).as("the two local failures were counted").isEqualTo(2);
    }

    @Test
    void olderVersionsAfterANewerOneAreSkippedOnBothLanes() {
        assertThat(runs).filteredOn(s -> s.contains(" versions ")).containsExactly(
                "breadcrumb.updated versions 1 local",
                "breadcrumb.updated versions 3 sse",
                "breadcrumb.updated versions 4 sse");
    }

    @Test
    void pingsPayloadsWithoutIdAndUnknownVersionsPassUntouched() {
        assertThat(runs).filteredOn(s -> s.startsWith("ping")).hasSize(2);
        assertThat(runs).filteredOn(s -> s.contains(" - 1 sse")).hasSize(2);
        assertThat(runs).filteredOn(s -> s.contains(" unknown-version 0 sse")).hasSize(2);
    }

    @Test
    void everySkippedSseCopyIsCounted() {
        // after: 3, before: 2 replays, blocker: 1, during: 1, during-throw: 1 (kept, run later), throws: 1 replay,
        // versions: v2 and v1
        assertThat(r.requiredLong("SSE_COPIES_SKIPPED")).as(r.describe()).isEqualTo(11);
    }

    @Test
    void anSseReaderEnteringThroughADelegatingOverloadStillRunsTheBodyOnce() {
        SinkChild.assertCleanExit(r);
        // the local lane calls the two-argument form: 8 local events (7 creates and the update)
        assertThat(r.requiredLong("DELEGATING_LOCAL_RUNS")).as(r.describe()).isEqualTo(8);
        // a remote breadcrumb's first SSE copy runs, its replay and a local breadcrumb's copy don't
        assertThat(r.required("DELEGATING_SSE_RUNS")).as(r.describe()).isEqualTo("[remote sse]");
    }
}
