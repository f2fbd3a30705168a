package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Serves {@code workflow.request.v1} breadcrumbs from other agents: runs the workflow they describe
 * ({@code context.tools}, or {@code context.count} steps over this runner's default tools) and answers
 * with a {@code workflow.response.v1} carrying the same request id, the status and the results.
 */
public final class WorkflowRequestHandler {
    private final RcrtClient client;
    private final WorkflowRunner runner;
    private final List<String> defaultTools;
    private final Consumer<WorkflowResult> results;
    private final PrintStream log;

    public WorkflowRequestHandler(RcrtClient client, WorkflowRunner runner, List<String> defaultTools,
                                  Consumer<WorkflowResult> results, PrintStream log) {
        this.client = client;
        this.runner = runner;
        this.defaultTools = defaultTools;
        this.results = results;
        this.log = log;
    }

    public void serve(EventBridge bridge) {
        bridge.onSchema(WorkflowRunner.WORKFLOW_REQUEST_SCHEMA, this::onRequest);
    }

    private void onRequest(ReceivedEvent request) {
        String requestId = request.requestId();
        if (requestId == null) {
            return;
        }
        JsonNode context = request.context();
        List<String> tools = new ArrayList<>();
        context.path("tools").forEach(tool -> tools.add(tool.asText()));
        if (tools.isEmpty()) {
            tools.addAll(WorkflowRunner.roundRobin(defaultTools, Math.max(1, context.path("count").asInt(defaultTools.size()))));
        }

        WorkflowResult result;
        try {
            result = runner.runWorkflow(runner.nextWorkflowId(), tools, "requested");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        results.accept(result);

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("request_id", requestId);
        response.put("workflow_id", result.workflowId());
        response.put("status", result.status());
        response.put("round_trip_ms", result.roundTripMs());
        response.put("results", result.results());
        try {
            client.createBreadcrumb(new BreadcrumbDraft("workflow response " + requestId, response,
                    List.of("workflow:response"), WorkflowRunner.WORKFLOW_RESPONSE_SCHEMA));
        } catch (RcrtApiException e) {
            log.println("could not answer " + requestId + ": " + e.getMessage());
        }
    }
}
