package org.rcrt.localbus.it.scenarios;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rcrt.localbus.it.scenarios.DemoRunners.Agent;
import org.rcrt.localbus.it.scenarios.DemoRunners.Outcome;
import org.rcrt.localbus.it.scenarios.DemoRunners.Runner;
import org.rcrt.localbus.it.scenarios.DemoRunners.Summary;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed scenario 1, "Same machine (Workflow + Tools)", and the founding log: workflows and tools in ONE runner JVM,
 * a server whose SSE deliveries take 60 s. Both runs of the demo side by side, as run-demo.sh shows them: without
 * the agent every workflow times out; with the agent (one JVM flag) every workflow completes through the
 * in-process lane, each tool request executed exactly once.
 */
class SameMachineScenarioIT {
    private static final Duration SSE_DELAY = Duration.ofSeconds(60);
    private static final int WORKFLOWS = 3;
    private static final int TOOLS_PER_WORKFLOW = 3;
    private static final int REQUESTS = WORKFLOWS * TOOLS_PER_WORKFLOW;

    @RegisterExtension
    static final DemoRunners demo = DemoRunners.withSseDelay(SSE_DELAY);

    @Test
    void withTheAgentEveryWorkflowCompletesInProcessWithoutItEveryWorkflowTimesOut() {
        String[] shape = {"--role=all", "--workflows=" + WORKFLOWS, "--tools-per-workflow=" + TOOLS_PER_WORKFLOW};
        // Side by side, each in its own tenant so neither sees the other's breadcrumbs.
        Runner withAgent = demo.runner("same-machine-with-agent", Agent.SINK, DemoRunners.newOwner())
                .args(shape).args("--timeout=10s").start();
        Runner withoutAgent = demo.runner("same-machine-without-agent", Agent.NONE, DemoRunners.newOwner())
                .args(shape).args("--timeout=3s").start();

        Outcome with = withAgent.finish();
        Outcome without = withoutAgent.finish();

        Summary s = with.summary();
        assertThat(with.result().exitCode()).as(with::describe).isZero();
        assertThat(s.completed()).as(with::describe).isEqualTo(WORKFLOWS);
        assertThat(s.timeouts()).as(with::describe).isZero();
        assertThat(s.maxRoundTripMs()).as(with::describe).isNotNull().isLessThan(5_000.0);
        assertThat(s.workflows()).as(with::describe)
                .allSatisfy(w -> {
                    assertThat(w.path("status").asText()).isEqualTo("completed");
                    assertThat(w.path("responses").asInt()).isEqualTo(TOOLS_PER_WORKFLOW);
                });
        // Every tool request executed exactly once.
        assertThat(s.executionsPerRequest()).as(with::describe).hasSize(REQUESTS).allSatisfy((id, runs) -> assertThat(runs).isEqualTo(1));
        assertThat(s.toolsExecuted()).as(with::describe).isEqualTo(REQUESTS);
        assertThat(s.duplicateExecutions()).as(with::describe).isZero();
        // Every request and every response reached the bridge in-process, once; nothing came over the 60 s lane.
        assertThat(s.inProcess()).as(with::describe).isEqualTo(2L * REQUESTS);
        assertThat(s.sse()).as(with::describe).isZero();
        Map<String, List<String>> executed = with.timeline().lanes("tool executed");
        assertThat(executed).as(with::describe).hasSize(REQUESTS)
                .allSatisfy((id, lanes) -> assertThat(lanes).containsExactly(DemoRunners.LANE_IN_PROCESS));
        assertThat(with.timeline().lanes("response seen")).as(with::describe).hasSize(REQUESTS)
                .allSatisfy((id, lanes) -> assertThat(lanes).containsExactly(DemoRunners.LANE_IN_PROCESS));
        assertThat(with.result().stderr()).as(with::describe).contains("[rcrt-localbus]").contains("started");

        Summary n = without.summary();
        assertThat(without.result().exitCode()).as(without::describe).isEqualTo(1);
        assertThat(n.timeouts()).as(without::describe).isEqualTo(WORKFLOWS);
        assertThat(n.completed()).as(without::describe).isZero();
        assertThat(n.maxRoundTripMs()).as(without::describe).isNull();
        assertThat(n.toolsExecuted()).as(without::describe).isZero();
        assertThat(n.inProcess()).as(without::describe).isZero();
        assertThat(n.sse()).as(without::describe).isZero();
        assertThat(without.result().output()).as(without::describe).doesNotContain("[rcrt-localbus]");
    }
}
