package org.example.toolsrunner;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-of-run figures: one line for people ({@link #oneLine()}), JSON for tests ({@link #toJson()}).
 * "SSE copies skipped" = breadcrumb frames the SSE reader passed to {@code handleEvent} minus the calls
 * on the SSE lane whose body actually ran; the runner only measures it. The same counted by distinct event
 * (breadcrumb id and version), so that the server's repeats don't count twice, is "events whose SSE copy was
 * skipped": the events that had reached this runner another way first.
 */
public record RunSummary(String label, String role, List<WorkflowResult> workflows,
                         Map<String, Integer> executionsPerRequest, Map<String, Long> eventsPerLane,
                         long sseFramesPassed, long sseEventsPassed, long sseEventsHandled,
                         long ssePings, long sseConnections) {

    public int completed() {
        return (int) workflows.stream().filter(WorkflowResult::completed).count();
    }

    public int timeouts() {
        return (int) workflows.stream().filter(w -> WorkflowResult.TIMEOUT.equals(w.status())).count();
    }

    public int failures() {
        return workflows.size() - completed() - timeouts();
    }

    public int toolsExecuted() {
        return executionsPerRequest.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int duplicateExecutions() {
        return toolsExecuted() - executionsPerRequest.size();
    }

    public long sseFramesHandled() {
        return eventsPerLane.getOrDefault(EventBridge.LANE_SSE, 0L);
    }

    public long sseCopiesSkipped() {
        return sseFramesPassed - sseFramesHandled();
    }

    public long sseEventsSkipped() {
        return sseEventsPassed - sseEventsHandled;
    }

    public Double medianRoundTripMs() {
        return median(completedRoundTrips());
    }

    /** Median time from a workflow's start to an answer that came by {@code lane}; null when none did. */
    public Double medianAnswerMs(String lane) {
        List<Double> times = new ArrayList<>();
        workflows.forEach(w -> w.answers().stream().filter(a -> a.lane().equals(lane)).forEach(a -> times.add(a.afterMs())));
        Collections.sort(times);
        return median(times);
    }

    private static Double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    public Double maxRoundTripMs() {
        List<Double> times = completedRoundTrips();
        return times.isEmpty() ? null : times.get(times.size() - 1);
    }

    /** 0 when every workflow completed, 1 when any timed out or failed. */
    public int exitCode() {
        return completed() == workflows.size() ? 0 : 1;
    }

    public String oneLine() {
        StringBuilder line = new StringBuilder("summary");
        if (!label.isEmpty()) {
            line.append(" [").append(label).append(']');
        }
        line.append("  round trip ").append(roundTripText());
        line.append(" | events in-process ").append(eventsPerLane.getOrDefault(EventBridge.LANE_IN_PROCESS, 0L))
                .append(", sse ").append(sseFramesHandled());
        line.append(" | SSE copies skipped ").append(sseCopiesSkipped());
        line.append(" | tools executed ").append(toolsExecuted());
        if (duplicateExecutions() > 0) {
            line.append(" (").append(duplicateExecutions()).append(" duplicate)");
        }
        line.append(" | timeouts ").append(timeouts()).append('/').append(workflows.size());
        if (failures() > 0) {
            line.append(" | failed ").append(failures());
        }
        return line.toString();
    }

    /** "median 3.1 ms, max 5.0 ms", "TIMEOUT (3 of 3)", both, or "n/a" for a runner that ran no workflow. */
    public String roundTripText() {
        if (workflows.isEmpty()) {
            return "n/a (no workflows)";
        }
        List<String> parts = new ArrayList<>();
        if (completed() > 0) {
            parts.add(String.format(Locale.ROOT, "median %.1f ms, max %.1f ms", medianRoundTripMs(), maxRoundTripMs()));
        }
        if (timeouts() > 0) {
            parts.add("TIMEOUT (" + timeouts() + " of " + workflows.size() + ")");
        }
        if (failures() > 0) {
            parts.add("FAILED (" + failures() + " of " + workflows.size() + ")");
        }
        return String.join(", ", parts);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("label", label);
        json.put("role", role);
        json.put("exit_code", exitCode());
        ObjectNode roundTrip = json.putObject("round_trip_ms");
        roundTrip.put("median", medianRoundTripMs());
        roundTrip.put("max", maxRoundTripMs());
        json.put("workflows_completed", completed());
        json.put("timeouts", timeouts());
        json.put("failures", failures());
        var list = json.putArray("workflows");
        for (WorkflowResult workflow : workflows) {
            ObjectNode item = list.addObject();
            item.put("workflow_id", workflow.workflowId());
            item.put("source", workflow.source());
            item.put("status", workflow.status());
            item.put("round_trip_ms", workflow.roundTripMs());
            item.put("requests", workflow.requests());
            item.put("responses", workflow.responses());
            var answers = item.putArray("answers");
            workflow.answers().forEach(a -> answers.addObject().put("lane", a.lane()).put("after_ms", a.afterMs()));
        }
        json.put("tools_executed", toolsExecuted());
        json.put("duplicate_executions", duplicateExecutions());
        ObjectNode executions = json.putObject("executions_per_request");
        executionsPerRequest.forEach(executions::put);
        ObjectNode lanes = json.putObject("events_per_lane");
        eventsPerLane.forEach(lanes::put);
        json.put("sse_frames_passed", sseFramesPassed);
        json.put("sse_frames_handled", sseFramesHandled());
        json.put("sse_copies_skipped", sseCopiesSkipped());
        json.put("sse_events_passed", sseEventsPassed);
        json.put("sse_events_skipped", sseEventsSkipped());
        ObjectNode answerMs = json.putObject("answer_ms_median_per_lane");
        answerMs.put(EventBridge.LANE_IN_PROCESS, medianAnswerMs(EventBridge.LANE_IN_PROCESS));
        answerMs.put(EventBridge.LANE_SSE, medianAnswerMs(EventBridge.LANE_SSE));
        json.put("sse_pings", ssePings);
        json.put("sse_connections", sseConnections);
        return json;
    }

    private List<Double> completedRoundTrips() {
        List<Double> times = new ArrayList<>();
        workflows.stream().filter(WorkflowResult::completed).forEach(w -> times.add(w.roundTripMs()));
        Collections.sort(times);
        return times;
    }
}
