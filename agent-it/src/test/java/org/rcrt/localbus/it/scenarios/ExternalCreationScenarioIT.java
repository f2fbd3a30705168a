package org.rcrt.localbus.it.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rcrt.localbus.it.scenarios.DemoRunners.Agent;
import org.rcrt.localbus.it.scenarios.DemoRunners.Outcome;
import org.rcrt.localbus.it.scenarios.DemoRunners.Runner;
import org.rcrt.localbus.it.scenarios.DemoRunners.Summary;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed scenario 4, "External tool creation": an agent WITHOUT the local bus (another process, no -javaagent) asks
 * for workflows with {@code workflow.request.v1}. The tools runner, with the agent, hears of each request over SSE
 * (3 s), runs the workflow, and the workflow's own 3 sub-requests run locally through the fast lane, without
 * waiting 3 s more each way; the requester gets its {@code workflow.response.v1} over SSE.
 */
class ExternalCreationScenarioIT {
    private static final Duration SSE_DELAY = Duration.ofSeconds(3);
    private static final int WORKFLOW_REQUESTS = 2;
    private static final int TOOLS_PER_WORKFLOW = 3;
    private static final int SUB_REQUESTS = WORKFLOW_REQUESTS * TOOLS_PER_WORKFLOW;

    @RegisterExtension
    static final DemoRunners demo = DemoRunners.withSseDelay(SSE_DELAY);

    @Test
    void requestArrivesOverSseTheWorkflowsSubRequestsRunInProcessTheRequesterGetsItsAnswer() {
        UUID owner = DemoRunners.newOwner();
        Runner tools = demo.runner("external-tools-runner", Agent.SINK, owner)
                .args("--role=all", "--workflows=0").serving().start().awaitConnected();
        Outcome requester = demo.runner("external-requester", Agent.NONE, owner)
                .args("--role=requester", "--workflows=" + WORKFLOW_REQUESTS, "--tools-per-workflow=" + TOOLS_PER_WORKFLOW,
                        "--use-tools=echo,random,calculator", "--timeout=20s")
                .start().finish();
        DemoRunners.pause(SSE_DELAY.plusSeconds(2));
        Outcome runner = tools.stop();

        // The requester, an ordinary RCRT client: asked over the server, answered over SSE.
        Summary q = requester.summary();
        assertThat(requester.result().exitCode()).as(requester::describe).isZero();
        assertThat(q.completed()).as(requester::describe).isEqualTo(WORKFLOW_REQUESTS);
        assertThat(q.workflows()).as(requester::describe).allSatisfy(w -> {
            assertThat(w.path("source").asText()).isEqualTo("remote");
            assertThat(w.path("status").asText()).isEqualTo("completed");
            assertThat(w.path("responses").asInt()).isEqualTo(TOOLS_PER_WORKFLOW);
            // Over SSE to the runner and back: at least two deliveries. Had each sub-request also gone over SSE
            // (request, then response), it would have taken four.
            assertThat(w.path("round_trip_ms").asDouble()).isGreaterThanOrEqualTo(2.0 * SSE_DELAY.toMillis())
                    .isLessThan(4.0 * SSE_DELAY.toMillis());
        });
        assertThat(q.inProcess()).as(requester::describe).isZero();
        assertThat(requester.timeline().lanes("workflow answered")).as(requester::describe).hasSize(WORKFLOW_REQUESTS)
                .allSatisfy((id, lanes) -> assertThat(lanes).containsExactly(DemoRunners.LANE_SSE));
        assertThat(requester.result().output()).as(requester::describe).doesNotContain("[rcrt-localbus]");

        // The runner: each workflow request handled once (over SSE), its sub-requests executed once each, in-process.
        Summary r = runner.summary();
        assertThat(r.workflows()).as(runner::describe).hasSize(WORKFLOW_REQUESTS).allSatisfy(w -> {
            assertThat(w.path("source").asText()).isEqualTo("requested");
            assertThat(w.path("status").asText()).isEqualTo("completed");
            assertThat(w.path("responses").asInt()).isEqualTo(TOOLS_PER_WORKFLOW);
            // Faster than any sub-request could have been answered over SSE (there and back: two deliveries).
            JsonNode roundTrip = w.path("round_trip_ms");
            assertThat(roundTrip.asDouble()).isLessThan(2.0 * SSE_DELAY.toMillis());
        });
        assertThat(r.executionsPerRequest()).as(runner::describe).hasSize(SUB_REQUESTS)
                .allSatisfy((id, runs) -> assertThat(runs).isEqualTo(1));
        assertThat(r.duplicateExecutions()).as(runner::describe).isZero();
        assertThat(runner.timeline().lanes("tool executed")).as(runner::describe).hasSize(SUB_REQUESTS)
                .allSatisfy((id, lanes) -> assertThat(lanes).containsExactly(DemoRunners.LANE_IN_PROCESS));
        assertThat(runner.timeline().lanes("response seen")).as(runner::describe).hasSize(SUB_REQUESTS)
                .allSatisfy((id, lanes) -> assertThat(lanes).containsExactly(DemoRunners.LANE_IN_PROCESS));
        // Over SSE it handled exactly the requester's workflow requests; everything of its own came in-process once
        // (sub-requests, their responses, its workflow responses), and the SSE copies of those were skipped.
        assertThat(r.sse()).as(runner::describe).isEqualTo(WORKFLOW_REQUESTS);
        assertThat(r.inProcess()).as(runner::describe).isEqualTo(2L * SUB_REQUESTS + WORKFLOW_REQUESTS);
        assertThat(r.sseCopiesSkipped()).as(runner::describe).isGreaterThanOrEqualTo(2L * SUB_REQUESTS + WORKFLOW_REQUESTS);
    }
}
