package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunSummaryTest {
    private static WorkflowResult completed(String id, double ms) {
        return new WorkflowResult(id, "local", WorkflowResult.COMPLETED, ms, 3, 3, Map.of());
    }

    private static WorkflowResult timedOut(String id) {
        return new WorkflowResult(id, "local", WorkflowResult.TIMEOUT, null, 3, 0, Map.of());
    }

    @Test
    void roundTripsDuplicatesAndSkippedCopies() {
        RunSummary summary = new RunSummary("with agent", "all",
                List.of(completed("a", 5), completed("b", 1), completed("c", 3), completed("d", 9)),
                Map.of("r1", 1, "r2", 2), Map.of("in-process", 10L, "sse", 4L), 7, 5, 3, 2, 1);

        assertThat(summary.medianRoundTripMs()).isEqualTo(4.0);
        assertThat(summary.maxRoundTripMs()).isEqualTo(9.0);
        assertThat(summary.toolsExecuted()).isEqualTo(3);
        assertThat(summary.duplicateExecutions()).isEqualTo(1);
        assertThat(summary.sseCopiesSkipped()).isEqualTo(3);
        assertThat(summary.sseEventsSkipped()).as("by distinct event, repeats counted once").isEqualTo(2);
        assertThat(summary.exitCode()).isZero();
        assertThat(summary.oneLine()).contains("[with agent]", "median 4.0 ms, max 9.0 ms", "SSE copies skipped 3", "(1 duplicate)");

        JsonNode json = summary.toJson();
        assertThat(json.path("executions_per_request").path("r2").asInt()).isEqualTo(2);
        assertThat(json.path("events_per_lane").path("in-process").asLong()).isEqualTo(10);
        assertThat(json.path("sse_frames_passed").asLong()).isEqualTo(7);
        assertThat(json.path("sse_frames_handled").asLong()).isEqualTo(4);
    }

    @Test
    void aTimeoutIsPrintedPlainlyAndFailsTheRun() {
        RunSummary summary = new RunSummary("", "all", List.of(timedOut("a"), completed("b", 2)),
                Map.of(), Map.of("in-process", 0L, "sse", 0L), 0, 0, 0, 0, 1);

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(summary.oneLine()).contains("TIMEOUT (1 of 2)", "timeouts 1/2");
        assertThat(summary.toJson().path("timeouts").asInt()).isEqualTo(1);
    }

    @Test
    void answerTimesAreMedianPerLane() {
        WorkflowResult mixed = new WorkflowResult("a", "local", WorkflowResult.COMPLETED, 20_000.0, 3, 3, Map.of(),
                List.of(new WorkflowResult.Answer("in-process", 2), new WorkflowResult.Answer("in-process", 4),
                        new WorkflowResult.Answer("sse", 20_000)));
        RunSummary summary = new RunSummary("with agent", "all", List.of(mixed), Map.of(),
                Map.of("in-process", 2L, "sse", 1L), 0, 0, 0, 0, 1);
        assertThat(summary.medianAnswerMs("in-process")).isEqualTo(3.0);
        assertThat(summary.medianAnswerMs("sse")).isEqualTo(20_000.0);

        String table = CompareSummaries.table(List.of(summary.toJson()));
        assertThat(table.lines()).anyMatch(l -> l.matches("answers by the in-process lane +2 in 3\\.0 ms \\(median\\)"))
                .anyMatch(l -> l.matches("answers by the sse lane +1 in 20\\.0 s \\(median\\)"))
                .anyMatch(l -> l.matches("round trip \\(median / max\\) +20\\.0 s / 20\\.0 s"));
    }

    @Test
    void comparisonTableShowsRunsSideBySide() {
        JsonNode without = new RunSummary("without agent", "all", List.of(timedOut("a")), Map.of(),
                Map.of("in-process", 0L, "sse", 0L), 0, 0, 0, 0, 1).toJson();
        JsonNode with = new RunSummary("with agent", "all", List.of(completed("a", 2.5)), Map.of("r", 1),
                Map.of("in-process", 2L, "sse", 0L), 0, 0, 0, 0, 1).toJson();

        String table = CompareSummaries.table(List.of(without, with));

        assertThat(table).contains("without agent", "with agent", "TIMEOUT", "2.5 ms / 2.5 ms");
        assertThat(table.lines().filter(line -> line.startsWith("round trip"))).hasSize(1);
    }
}
