package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hosts tools: runs the tool named by each {@code tool.request.v1} it hears of and answers with a
 * {@code tool.response.v1} carrying the same request id. Requests for tools it does not host are
 * left to other runners. It counts runs per request id, so a request served twice shows up.
 */
public final class ToolHost {
    public static final String REQUEST_SCHEMA = "tool.request.v1";
    public static final String RESPONSE_SCHEMA = "tool.response.v1";

    private final RcrtClient client;
    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final Timeline timeline;
    private final PrintStream log;
    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    private final AtomicInteger answersSent = new AtomicInteger();

    public ToolHost(RcrtClient client, List<Tool> tools, Timeline timeline, PrintStream log) {
        this.client = client;
        tools.forEach(tool -> this.tools.put(tool.name(), tool));
        this.timeline = timeline;
        this.log = log;
    }

    public Set<String> toolNames() {
        return tools.keySet();
    }

    public void serve(EventBridge bridge) {
        bridge.onSchema(REQUEST_SCHEMA, this::onRequest);
    }

    /** Runs of each request id this host served (more than 1 means it ran a request twice). */
    public Map<String, Integer> executionsPerRequest() {
        Map<String, Integer> counts = new TreeMap<>();
        executions.forEach((id, count) -> counts.put(id, count.get()));
        return counts;
    }

    public int toolsExecuted() {
        return executions.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int duplicateExecutions() {
        return toolsExecuted() - executions.size();
    }

    /** Responses stored so far (a run whose answer could not be stored is not counted). */
    public int answersSent() {
        return answersSent.get();
    }

    private void onRequest(ReceivedEvent request) {
        JsonNode context = request.context();
        Tool tool = tools.get(context.path("tool").asText());
        String requestId = request.requestId();
        if (tool == null || requestId == null) {
            return;
        }
        String workflowId = context.path("workflow_id").asText(null);
        int run = executions.computeIfAbsent(requestId, id -> new AtomicInteger()).incrementAndGet();

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("request_id", requestId);
        response.put("tool", tool.name());
        if (workflowId != null) {
            response.put("workflow_id", workflowId);
        }
        try {
            response.put("status", "ok");
            response.put("result", tool.run(context.path("input")));
        } catch (Tool.ToolException e) {
            response.put("status", "error");
            response.put("error", e.getMessage());
        }
        timeline.record(workflowId, "tool executed", requestId + "  via " + request.lane() + (run > 1 ? "  (run #" + run + " of this request)" : ""));

        try {
            client.createBreadcrumb(new BreadcrumbDraft(
                    tool.name() + " response " + requestId, response,
                    List.of("tool:response", "tool:" + tool.name()), RESPONSE_SCHEMA));
            answersSent.incrementAndGet();
        } catch (RcrtApiException e) {
            log.println("could not answer " + requestId + ": " + e.getMessage());
        }
    }
}
