package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs workflows the RCRT way: a workflow fans out {@code tool.request.v1} breadcrumbs, then waits on the
 * {@link EventBridge} for the {@code tool.response.v1} of each, within a timeout: the runner's own tools'
 * answers within {@code timeout}, those of tools hosted elsewhere within {@code remoteTimeout}, since they
 * travel through the server twice. It can also ask another
 * runner for a whole workflow ({@code workflow.request.v1} / {@code workflow.response.v1}).
 */
public final class WorkflowRunner {
    public static final String WORKFLOW_REQUEST_SCHEMA = "workflow.request.v1";
    public static final String WORKFLOW_RESPONSE_SCHEMA = "workflow.response.v1";
    private static final Duration SHOW_ANSWERS_GRACE = Duration.ofSeconds(1);

    private final RcrtClient client;
    private final EventBridge bridge;
    private final Timeline timeline;
    private final Duration timeout;
    private final Set<String> hostedTools;
    private final Duration remoteTimeout;
    /** Makes ids unique across runners sharing one RCRT owner, so no one waits on another's answer. */
    private final String runTag;
    private final AtomicInteger workflowCount = new AtomicInteger();
    /** Open workflows by the request ids they still wait for, so the timeline shows answers as they arrive. */
    private final Map<String, Progress> awaiting = new ConcurrentHashMap<>();

    public WorkflowRunner(RcrtClient client, EventBridge bridge, Timeline timeline, Duration timeout,
                          Set<String> hostedTools, Duration remoteTimeout, String runTag) {
        this.client = client;
        this.bridge = bridge;
        this.timeline = timeline;
        this.timeout = timeout;
        this.hostedTools = Set.copyOf(hostedTools);
        this.remoteTimeout = remoteTimeout;
        this.runTag = runTag;
        bridge.onSchema(ToolHost.RESPONSE_SCHEMA, this::showAnswer);
        bridge.onSchema(WORKFLOW_RESPONSE_SCHEMA, this::showAnswer);
    }

    public String nextWorkflowId() {
        String workflowId = "wf-" + runTag + "-" + workflowCount.incrementAndGet();
        timeline.announce(workflowId);
        return workflowId;
    }

    /** The tools a workflow of {@code count} steps uses: round-robin over {@code available}. */
    public static List<String> roundRobin(List<String> available, int count) {
        List<String> tools = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tools.add(available.get(i % available.size()));
        }
        return tools;
    }

    /** Fans out one tool request per entry of {@code tools} and waits for all answers. */
    public WorkflowResult runWorkflow(String workflowId, List<String> tools, String source) throws InterruptedException {
        long start = System.nanoTime();
        timeline.record(workflowId, start, "workflow started", workflowId + " (" + tools.size() + " tool requests)");
        Progress progress = new Progress(workflowId, start);

        List<String> requestIds = new ArrayList<>();
        try {
            for (int step = 1; step <= tools.size(); step++) {
                String tool = tools.get(step - 1);
                String requestId = "req-" + workflowId.substring(3) + "." + step;
                Map<String, Object> context = new LinkedHashMap<>();
                context.put("request_id", requestId);
                context.put("tool", tool);
                context.put("input", sampleInput(tool, workflowId, step));
                context.put("workflow_id", workflowId);
                progress.expect(requestId);
                client.createBreadcrumb(new BreadcrumbDraft(tool + " request " + requestId, context,
                        List.of("tool:request", "tool:" + tool), ToolHost.REQUEST_SCHEMA));
                timeline.record(workflowId, "request created", requestId + " (" + tool + ")");
                requestIds.add(requestId);
            }
        } catch (RcrtApiException e) {
            progress.close(false);
            timeline.record(workflowId, "FAILED", workflowId + ": " + e.getMessage());
            return new WorkflowResult(workflowId, source, WorkflowResult.FAILED, null, tools.size(), 0, Map.of());
        }

        Map<String, JsonNode> results = new LinkedHashMap<>();
        List<WorkflowResult.Answer> answers = new ArrayList<>();
        long lastAnswer = start;
        boolean missed = false;
        for (int i = 0; i < requestIds.size(); i++) {
            String requestId = requestIds.get(i);
            // Once one answer is late the workflow has failed: the others are only looked up, not waited for.
            long deadline = missed ? start : start + (hostedTools.contains(tools.get(i)) ? timeout : remoteTimeout).toNanos();
            Optional<ReceivedEvent> response = awaitAnswer(ToolHost.RESPONSE_SCHEMA, requestId, deadline);
            if (response.isPresent()) {
                results.put(requestId, response.get().context().path("result"));
                answers.add(new WorkflowResult.Answer(response.get().lane(), (response.get().receivedAtNanos() - start) / 1e6));
                lastAnswer = Math.max(lastAnswer, response.get().receivedAtNanos());
            } else {
                missed = true;
            }
        }
        progress.close(results.size() == requestIds.size());
        if (results.size() < requestIds.size()) {
            return timedOut(workflowId, workflowId, source, requestIds.size(), results);
        }
        return new WorkflowResult(workflowId, source, WorkflowResult.COMPLETED, (lastAnswer - start) / 1e6,
                requestIds.size(), results.size(), results, answers);
    }

    /** Asks, with a {@code workflow.request.v1}, for a workflow of these tools to be run by whoever serves them. */
    public WorkflowResult requestWorkflow(String workflowId, List<String> tools) throws InterruptedException {
        String requestId = workflowId.replaceFirst("^wf-", "wfreq-");
        long start = System.nanoTime();
        Progress progress = new Progress(workflowId, start);
        progress.expect(requestId);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("request_id", requestId);
        context.put("tools", tools);
        try {
            client.createBreadcrumb(new BreadcrumbDraft("workflow request " + requestId, context,
                    List.of("workflow:request"), WORKFLOW_REQUEST_SCHEMA));
        } catch (RcrtApiException e) {
            progress.close(false);
            timeline.record(workflowId, "FAILED", requestId + ": " + e.getMessage());
            return new WorkflowResult(requestId, "remote", WorkflowResult.FAILED, null, 1, 0, Map.of());
        }
        timeline.record(workflowId, start, "workflow asked", requestId + " (" + String.join(", ", tools) + ")");

        Optional<ReceivedEvent> response = awaitAnswer(WORKFLOW_RESPONSE_SCHEMA, requestId, start + timeout.toNanos());
        progress.close(response.isPresent());
        if (response.isEmpty()) {
            return timedOut(workflowId, requestId, "remote", 1, Map.of());
        }
        JsonNode answer = response.get().context();
        String status = answer.path("status").asText(WorkflowResult.FAILED);
        Map<String, JsonNode> results = new LinkedHashMap<>();
        answer.path("results").properties().forEach(entry -> results.put(entry.getKey(), entry.getValue()));
        boolean completed = WorkflowResult.COMPLETED.equals(status);
        Double roundTrip = completed ? (response.get().receivedAtNanos() - start) / 1e6 : null;
        return new WorkflowResult(requestId, "remote", status, roundTrip, tools.size(), results.size(), results);
    }

    private Optional<ReceivedEvent> awaitAnswer(String schema, String requestId, long deadlineNanos) throws InterruptedException {
        // Past the deadline this still looks at the bridge's history, so answers that already came count.
        Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
        return bridge.waitForEvent(EventCriteria.schema(schema).withRequestId(requestId), left);
    }

    private WorkflowResult timedOut(String workflowId, String name, String source, int requests, Map<String, JsonNode> results) {
        timeline.record(workflowId, "TIMEOUT", String.format(Locale.ROOT, "%s  %d/%d answers after %.1f s",
                name, results.size(), requests, timeout.toMillis() / 1000.0));
        return new WorkflowResult(name, source, WorkflowResult.TIMEOUT, null, requests, results.size(), results);
    }

    /** Bridge listener: the first answer to a request some open workflow waits for goes on the timeline. */
    private void showAnswer(ReceivedEvent answer) {
        String requestId = answer.requestId();
        Progress progress = requestId == null ? null : awaiting.remove(requestId);
        if (progress != null) {
            progress.answered(requestId, answer);
        }
    }

    /** The timeline's view of one open workflow: which answers are still to come. */
    private final class Progress {
        private final String workflowId;
        private final long start;
        private final Set<String> pending = new HashSet<>();
        private int answered;

        Progress(String workflowId, long start) {
            this.workflowId = workflowId;
            this.start = start;
        }

        synchronized void expect(String requestId) {
            pending.add(requestId);
            awaiting.put(requestId, this);
        }

        synchronized void answered(String requestId, ReceivedEvent answer) {
            if (!pending.remove(requestId)) {
                return;
            }
            answered++;
            String detail = requestId + "  via " + answer.lane();
            if (WORKFLOW_RESPONSE_SCHEMA.equals(answer.schemaName())) {
                timeline.record(workflowId, answer.receivedAtNanos(), "workflow answered",
                        detail + "  (" + answer.context().path("status").asText() + " there)");
            } else {
                timeline.record(workflowId, answer.receivedAtNanos(), "response seen", detail);
            }
            if (pending.isEmpty()) {
                timeline.record(workflowId, answer.receivedAtNanos(), "workflow done", String.format(Locale.ROOT,
                        "%s  %d answers, round trip %.1f ms", workflowId, answered, (answer.receivedAtNanos() - start) / 1e6));
                notifyAll();
            }
        }

        /**
         * The workflow stopped waiting; answers that come later are not its business any more. When it got
         * every answer, the waiter may have woken before this listener ran: let the timeline catch up first.
         */
        synchronized void close(boolean allAnswered) throws InterruptedException {
            long giveUp = System.nanoTime() + SHOW_ANSWERS_GRACE.toNanos();
            while (allAnswered && !pending.isEmpty() && System.nanoTime() < giveUp) {
                wait(10);
            }
            pending.forEach(awaiting::remove);
            pending.clear();
        }
    }

    private static Object sampleInput(String tool, String workflowId, int step) {
        return switch (tool) {
            case "calculator" -> Map.of("expression", step + "+" + (step + 1) + "*4");
            case "random" -> Map.of("min", 1, "max", 6);
            default -> Map.of("text", "hello from " + workflowId + " step " + step);
        };
    }
}
