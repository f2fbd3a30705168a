package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * How one workflow went. {@code status} is {@value #COMPLETED}, {@value #TIMEOUT} or {@value #FAILED};
 * {@code roundTripMs} is from its start to its last answer, null unless completed.
 * {@code source}: {@code local} (started by this runner), {@code requested} (served for a
 * workflow.request.v1) or {@code remote} (requested by this runner, run elsewhere).
 * {@code answers}: when each answer came, and by which lane.
 */
public record WorkflowResult(String workflowId, String source, String status, Double roundTripMs,
                             int requests, int responses, Map<String, JsonNode> results, List<Answer> answers) {
    public static final String COMPLETED = "completed";
    public static final String TIMEOUT = "timeout";
    public static final String FAILED = "failed";

    /** One answer of a workflow: the lane it came by, milliseconds after the workflow started. */
    public record Answer(String lane, double afterMs) {
    }

    public WorkflowResult(String workflowId, String source, String status, Double roundTripMs,
                          int requests, int responses, Map<String, JsonNode> results) {
        this(workflowId, source, status, roundTripMs, requests, responses, results, List.of());
    }

    public boolean completed() {
        return COMPLETED.equals(status);
    }
}
