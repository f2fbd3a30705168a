package org.rcrt.localbus.it.scenarios;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rcrt.localbus.it.scenarios.DemoRunners.Agent;
import org.rcrt.localbus.it.scenarios.DemoRunners.Outcome;
import org.rcrt.localbus.it.scenarios.DemoRunners.Runner;
import org.rcrt.localbus.it.scenarios.DemoRunners.Summary;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed scenario 5, "Tool on a different runner": runner A runs the workflow and hosts no tools, runner B hosts the
 * (custom) calculator tool; both have the agent. A's request reaches both A (in-process, its own) and B (over
 * SSE); B executes each request exactly once and answers; A's workflow continues on B's answer, which comes over
 * SSE.
 */
class ToolOnOtherRunnerScenarioIT {
    private static final Duration SSE_DELAY = Duration.ofSeconds(1);
    private static final int WORKFLOWS = 2;
    private static final int TOOLS_PER_WORKFLOW = 2;
    private static final int REQUESTS = WORKFLOWS * TOOLS_PER_WORKFLOW;

    @RegisterExtension
    static final DemoRunners demo = DemoRunners.withSseDelay(SSE_DELAY);

    @Test
    void runnerBExecutesEachRequestOnceAndRunnerAsWorkflowContinuesOnItsAnswer() {
        UUID owner = DemoRunners.newOwner();
        Runner b = demo.runner("runner-b-calculator", Agent.SINK, owner)
                .args("--role=tools", "--tools=calculator").serving().start().awaitConnected();
        Outcome a = demo.runner("runner-a-workflow", Agent.SINK, owner)
                .args("--role=workflow", "--use-tools=calculator", "--workflows=" + WORKFLOWS,
                        "--tools-per-workflow=" + TOOLS_PER_WORKFLOW, "--timeout=15s")
                .start().finish();
        DemoRunners.pause(SSE_DELAY.plusSeconds(2));
        Outcome bOutcome = b.stop();

        Summary sa = a.summary();
        assertThat(a.result().exitCode()).as(a::describe).isZero();
        assertThat(sa.completed()).as(a::describe).isEqualTo(WORKFLOWS);
        assertThat(sa.workflows()).as(a::describe)
                .allSatisfy(w -> assertThat(w.path("responses").asInt()).isEqualTo(TOOLS_PER_WORKFLOW));
        assertThat(sa.toolsExecuted()).as(a::describe).isZero();
        Set<String> requests = a.timeline().firstAt("request created").keySet();
        assertThat(requests).as(a::describe).hasSize(REQUESTS);
        assertThat(a.timeline().lanes("response seen")).as(a::describe).containsOnlyKeys(requests)
                .allSatisfy((id, lanes) -> assertThat(lanes).containsExactly(DemoRunners.LANE_SSE));
        // A: its requests once (in-process), B's answers once (SSE); the SSE copies of its own requests skipped.
        assertThat(sa.inProcess()).as(a::describe).isEqualTo(REQUESTS);
        assertThat(sa.sse()).as(a::describe).isEqualTo(REQUESTS);
        assertThat(sa.sseCopiesSkipped()).as(a::describe).isEqualTo(REQUESTS);

        Summary sb = bOutcome.summary();
        assertThat(sb.executionsPerRequest()).as(bOutcome::describe).containsOnlyKeys(requests)
                .allSatisfy((id, runs) -> assertThat(runs).isEqualTo(1));
        assertThat(sb.duplicateExecutions()).as(bOutcome::describe).isZero();
        assertThat(bOutcome.timeline().lanes("tool executed")).as(bOutcome::describe).containsOnlyKeys(requests)
                .allSatisfy((id, lanes) -> assertThat(lanes).containsExactly(DemoRunners.LANE_SSE));
        // B: A's requests once each over SSE (the selector repeats skipped), its own answers once in-process.
        assertThat(sb.sse()).as(bOutcome::describe).isEqualTo(REQUESTS);
        assertThat(sb.inProcess()).as(bOutcome::describe).isEqualTo(REQUESTS);
        assertThat(sb.sseCopiesSkipped()).as(bOutcome::describe).isGreaterThanOrEqualTo(REQUESTS);
    }
}
